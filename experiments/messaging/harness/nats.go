package main

// NATS JetStream driver (github.com/nats-io/nats.go, the jetstream package): one stream with
// one subject per partition, one durable pull consumer per subscription (fan-out), async
// publishes with JetStream acks. Persistence on = file storage, off = memory storage.

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

type natsDriver struct {
	w       *Workload
	admin   *nats.Conn
	js      jetstream.JetStream
	created bool
	mu      sync.Mutex
	conns   []*nats.Conn
	ccs     []jetstream.ConsumeContext
}

func newNatsDriver(w *Workload) *natsDriver { return &natsDriver{w: w} }

func (d *natsDriver) Client() string { return moduleVersion("github.com/nats-io/nats.go") }

func (d *natsDriver) connect(name string) (*nats.Conn, error) {
	nc, err := nats.Connect(d.w.URL,
		nats.Name("mqbench-"+name),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(100*time.Millisecond),
		nats.ReconnectBufSize(64<<20),
		nats.Timeout(5*time.Second),
		nats.RetryOnFailedConnect(false),
	)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errNotReady, err)
	}
	d.mu.Lock()
	d.conns = append(d.conns, nc)
	d.mu.Unlock()
	return nc, nil
}

func (d *natsDriver) streamConfig() jetstream.StreamConfig {
	storage := jetstream.FileStorage
	if !d.w.Persistence {
		storage = jetstream.MemoryStorage
	}
	return jetstream.StreamConfig{
		Name:      d.w.Topic,
		Subjects:  []string{d.w.Topic + ".>"},
		Storage:   storage,
		Replicas:  d.w.ReplicationFactor,
		Retention: jetstream.LimitsPolicy,
		Discard:   jetstream.DiscardOld,
		MaxAge:    24 * time.Hour,
	}
}

func (d *natsDriver) Setup(ctx context.Context) error {
	if d.admin == nil {
		nc, err := d.connect("admin")
		if err != nil {
			return err
		}
		js, err := jetstream.New(nc)
		if err != nil {
			return err
		}
		d.admin, d.js = nc, js
	}
	if d.w.CreateTopology {
		if _, err := d.js.CreateStream(ctx, d.streamConfig()); err != nil {
			return fmt.Errorf("%w: create stream %s: %v", errNotReady, d.w.Topic, err)
		}
		d.created = true
		return nil
	}
	if _, err := d.js.Stream(ctx, d.w.Topic); err != nil {
		return fmt.Errorf("%w: stream %s (declared by the cluster's Stream resource) not found yet: %v", errNotReady, d.w.Topic, err)
	}
	return nil
}

func (d *natsDriver) consumerName(g int) string { return fmt.Sprintf("%s-g%d", d.w.Topic, g) }

func (d *natsDriver) StartConsumers(ctx context.Context, stats *Stats) error {
	for g := 0; g < d.w.Subscriptions; g++ {
		_, err := d.js.CreateOrUpdateConsumer(ctx, d.w.Topic, jetstream.ConsumerConfig{
			Durable:       d.consumerName(g),
			AckPolicy:     jetstream.AckAllPolicy,
			DeliverPolicy: jetstream.DeliverAllPolicy,
			AckWait:       30 * time.Second,
			MaxAckPending: 200000,
		})
		if err != nil {
			return fmt.Errorf("consumer %s: %w", d.consumerName(g), err)
		}
		for c := 0; c < d.w.Consumers; c++ {
			if err := d.startWorker(ctx, g, c, stats); err != nil {
				return err
			}
		}
	}
	return nil
}

func (d *natsDriver) startWorker(ctx context.Context, g, c int, stats *Stats) error {
	nc, err := d.connect(fmt.Sprintf("consumer-%d-%d", g, c))
	if err != nil {
		return err
	}
	js, err := jetstream.New(nc)
	if err != nil {
		return err
	}
	cons, err := js.Consumer(ctx, d.w.Topic, d.consumerName(g))
	if err != nil {
		return err
	}
	rec := stats.DeliveryRecorder()
	var n int
	lastAck := time.Now()
	var lastErr time.Time
	cc, err := cons.Consume(func(msg jetstream.Msg) {
		stats.Deliver(g, rec, msg.Data())
		n++
		// AckAll: acking one message acks every earlier one, so acking in batches is exact.
		if n%64 == 0 || time.Since(lastAck) > 50*time.Millisecond {
			_ = msg.Ack()
			lastAck = time.Now()
		}
	}, jetstream.PullMaxMessages(1000), jetstream.ConsumeErrHandler(func(_ jetstream.ConsumeContext, err error) {
		if ctx.Err() == nil && time.Since(lastErr) > 2*time.Second && !errors.Is(err, nats.ErrConnectionClosed) {
			fmt.Fprintf(os.Stderr, "mqbench: nats consumer %d/%d: %v\n", g, c, err)
			lastErr = time.Now()
		}
	}))
	if err != nil {
		return err
	}
	d.mu.Lock()
	d.ccs = append(d.ccs, cc)
	d.mu.Unlock()
	return nil
}

type natsProducer struct {
	js      jetstream.JetStream
	subject func(int) string
	pending chan natsPending
	wg      sync.WaitGroup
}

type natsPending struct {
	f    jetstream.PubAckFuture
	done func(string)
}

func (d *natsDriver) NewProducer(_ context.Context, id int) (Producer, error) {
	nc, err := d.connect(fmt.Sprintf("producer-%d", id))
	if err != nil {
		return nil, err
	}
	js, err := jetstream.New(nc,
		jetstream.WithPublishAsyncMaxPending(d.w.MaxInFlight),
		jetstream.WithPublishAsyncTimeout(secondsDur(d.w.AckTimeoutSeconds)))
	if err != nil {
		return nil, err
	}
	topic := d.w.Topic
	p := &natsProducer{js: js, subject: func(part int) string { return fmt.Sprintf("%s.%d", topic, part) }, pending: make(chan natsPending, d.w.MaxInFlight+1)}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for pa := range p.pending {
			select {
			case <-pa.f.Ok():
				pa.done("")
			case err := <-pa.f.Err():
				pa.done(failKind(err))
			}
		}
	}()
	return p, nil
}

func (p *natsProducer) Publish(_ context.Context, partition int, payload []byte, done func(string)) {
	f, err := p.js.PublishAsync(p.subject(partition), payload)
	if err != nil {
		done(failKind(err))
		return
	}
	p.pending <- natsPending{f: f, done: done}
}

func (p *natsProducer) Close() {
	close(p.pending)
	p.wg.Wait()
}

func (d *natsDriver) LeaderPod(ctx context.Context, _ *Fault) (string, error) {
	s, err := d.js.Stream(ctx, d.w.Topic)
	if err != nil {
		return "", err
	}
	info, err := s.Info(ctx)
	if err != nil {
		return "", err
	}
	if info.Cluster == nil || info.Cluster.Leader == "" {
		return "", errors.New("stream has no cluster leader (not clustered?)")
	}
	return strings.TrimSpace(info.Cluster.Leader), nil
}

func (d *natsDriver) Teardown(ctx context.Context) {
	if d.created && d.js != nil {
		if err := d.js.DeleteStream(ctx, d.w.Topic); err != nil {
			fmt.Fprintf(os.Stderr, "mqbench: delete stream %s: %v\n", d.w.Topic, err)
		}
	}
}

func (d *natsDriver) Close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, cc := range d.ccs {
		cc.Stop()
	}
	for _, nc := range d.conns {
		nc.Close()
	}
	d.ccs, d.conns = nil, nil
}
