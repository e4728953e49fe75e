package main

// Kafka driver (github.com/twmb/franz-go, a pure-Go client covering the full protocol): one
// topic with N partitions, one consumer group per subscription (fan-out), producers with
// acks=all (persistence on; idempotent) or acks=1 (persistence off). Records go to partition
// seq % partitions, like the other brokers. The client retries and reconnects by itself.

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

type kafkaDriver struct {
	w       *Workload
	seeds   []string
	admin   *kgo.Client
	created bool
	mu      sync.Mutex
	clients []*kgo.Client
}

func newKafkaDriver(w *Workload) *kafkaDriver {
	seeds := strings.Split(strings.TrimPrefix(w.URL, "kafka://"), ",")
	return &kafkaDriver{w: w, seeds: seeds}
}

func (d *kafkaDriver) Client() string { return moduleVersion("github.com/twmb/franz-go") }

func (d *kafkaDriver) client(opts ...kgo.Opt) (*kgo.Client, error) {
	all := append([]kgo.Opt{kgo.SeedBrokers(d.seeds...), kgo.DialTimeout(5 * time.Second)}, opts...)
	cl, err := kgo.NewClient(all...)
	if err != nil {
		return nil, err
	}
	d.mu.Lock()
	d.clients = append(d.clients, cl)
	d.mu.Unlock()
	return cl, nil
}

func (d *kafkaDriver) Setup(ctx context.Context) error {
	if d.admin == nil {
		cl, err := d.client()
		if err != nil {
			return err
		}
		d.admin = cl
	}
	adm := kadm.NewClient(d.admin)
	if d.w.CreateTopology {
		configs := map[string]*string{}
		if d.w.Persistence && d.w.ReplicationFactor >= 3 {
			minISR := "2" // as the cluster's KafkaTopic: one replica may fail without stopping acks=all writes
			configs["min.insync.replicas"] = &minISR
		}
		resp, err := adm.CreateTopic(ctx, int32(d.w.Partitions), int16(d.w.ReplicationFactor), configs, d.w.Topic)
		if err == nil {
			err = resp.Err
		}
		if err != nil && !errors.Is(err, kerr.TopicAlreadyExists) {
			return fmt.Errorf("%w: create topic %s: %v", errNotReady, d.w.Topic, err)
		}
		d.created = d.created || err == nil // a retried Setup finds the topic it created already there
	}
	topics, err := adm.ListTopics(ctx, d.w.Topic)
	if err != nil {
		return fmt.Errorf("%w: %v", errNotReady, err)
	}
	t, ok := topics[d.w.Topic]
	if !ok || t.Err != nil || len(t.Partitions) != d.w.Partitions {
		return fmt.Errorf("%w: topic %s not (yet) present with %d partitions", errNotReady, d.w.Topic, d.w.Partitions)
	}
	for _, p := range t.Partitions {
		if p.Err != nil || p.Leader < 0 {
			return fmt.Errorf("%w: topic %s partition %d has no leader yet", errNotReady, d.w.Topic, p.Partition)
		}
	}
	return nil
}

func (d *kafkaDriver) group(g int) string { return fmt.Sprintf("%s-g%d", d.w.Topic, g) }

func (d *kafkaDriver) StartConsumers(ctx context.Context, stats *Stats) error {
	type assignment struct {
		group int
		n     int
	}
	assigned := make(chan assignment, 1024)
	for g := 0; g < d.w.Subscriptions; g++ {
		for c := 0; c < d.w.Consumers; c++ {
			group := g
			cl, err := d.client(
				kgo.ConsumerGroup(d.group(g)),
				kgo.ConsumeTopics(d.w.Topic),
				kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
				kgo.FetchMaxWait(500*time.Millisecond),
				kgo.OnPartitionsAssigned(func(_ context.Context, _ *kgo.Client, m map[string][]int32) {
					assigned <- assignment{group: group, n: len(m[d.w.Topic])}
				}),
			)
			if err != nil {
				return err
			}
			rec := stats.DeliveryRecorder()
			go func() {
				var lastLog time.Time
				for ctx.Err() == nil {
					fetches := cl.PollFetches(ctx)
					fetches.EachError(func(t string, p int32, err error) {
						// The client retries by itself; log a broker outage once every few seconds, not per poll.
						if ctx.Err() == nil && time.Since(lastLog) > 3*time.Second {
							fmt.Fprintf(os.Stderr, "mqbench: kafka fetch %s/%d: %v\n", t, p, err)
							lastLog = time.Now()
						}
					})
					fetches.EachRecord(func(r *kgo.Record) { stats.Deliver(group, rec, r.Value) })
				}
			}()
		}
	}
	// Producing starts only once every group owns every partition, so no latency includes a rebalance.
	perGroup := make([]int, d.w.Subscriptions)
	deadline := time.After(secondsDur(d.w.ConnectSeconds))
	for done := 0; done < d.w.Subscriptions; {
		select {
		case a := <-assigned:
			before := perGroup[a.group]
			perGroup[a.group] += a.n
			if before < d.w.Partitions && perGroup[a.group] >= d.w.Partitions {
				done++
			}
		case <-deadline:
			return fmt.Errorf("kafka consumer groups not assigned every partition within %.0f s (assigned: %v)", d.w.ConnectSeconds, perGroup)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

type kafkaProducer struct{ cl *kgo.Client }

func (d *kafkaDriver) NewProducer(_ context.Context, id int) (Producer, error) {
	acks := []kgo.Opt{kgo.RequiredAcks(kgo.AllISRAcks())}
	if !d.w.Persistence {
		acks = []kgo.Opt{kgo.RequiredAcks(kgo.LeaderAck()), kgo.DisableIdempotentWrite()}
	}
	opts := append(acks,
		kgo.ClientID(fmt.Sprintf("mqbench-producer-%d", id)),
		kgo.DefaultProduceTopic(d.w.Topic),
		kgo.RecordPartitioner(kgo.ManualPartitioner()),
		kgo.MaxBufferedRecords(d.w.MaxInFlight+1),
		kgo.ProducerLinger(0),
		// No compression (franz-go's default is snappy when it shrinks a batch): RabbitMQ and
		// NATS store every payload byte, so a compressed Kafka stream would rank on a smaller
		// payload (mqbench 0.3.0).
		kgo.ProducerBatchCompression(kgo.NoCompression()),
		kgo.RecordDeliveryTimeout(secondsDur(d.w.AckTimeoutSeconds)),
	)
	cl, err := d.client(opts...)
	if err != nil {
		return nil, err
	}
	return &kafkaProducer{cl: cl}, nil
}

func (p *kafkaProducer) Publish(ctx context.Context, partition int, payload []byte, done func(string)) {
	p.cl.Produce(ctx, &kgo.Record{Partition: int32(partition), Value: payload}, func(_ *kgo.Record, err error) {
		if errors.Is(err, kgo.ErrRecordTimeout) {
			done(FailTimeout)
			return
		}
		done(failKind(err))
	})
}

func (p *kafkaProducer) Close() { p.cl.Flush(context.Background()) }

func (d *kafkaDriver) LeaderPod(ctx context.Context, f *Fault) (string, error) {
	md, err := kadm.NewClient(d.admin).Metadata(ctx, d.w.Topic)
	if err != nil {
		return "", err
	}
	t, ok := md.Topics[d.w.Topic]
	if !ok {
		return "", fmt.Errorf("topic %s not in metadata", d.w.Topic)
	}
	p, ok := t.Partitions[0]
	if !ok || p.Leader < 0 {
		return "", errors.New("partition 0 has no leader")
	}
	return fmt.Sprintf("%s%d", f.PodPrefix, p.Leader), nil
}

func (d *kafkaDriver) Teardown(ctx context.Context) {
	if d.created && d.admin != nil {
		if _, err := kadm.NewClient(d.admin).DeleteTopics(ctx, d.w.Topic); err != nil {
			fmt.Fprintf(os.Stderr, "mqbench: delete topic %s: %v\n", d.w.Topic, err)
		}
	}
}

func (d *kafkaDriver) Close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, cl := range d.clients {
		cl.Close()
	}
	d.clients = nil
}
