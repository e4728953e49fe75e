package main

// RabbitMQ driver (github.com/rabbitmq/amqp091-go, the RabbitMQ team's client): a direct
// exchange, one queue per (subscription, partition) bound by routing key — so fan-out 1→N
// delivers every message to N queues — publisher confirms, manual consumer acks with
// prefetch. Queue type by config: quorum, stream or classic; persistence off means classic,
// non-durable queues and transient messages. Producers and consumers reconnect after a
// broker failure (amqp091-go does not); a publish on a dead connection counts as failed.

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"sync"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"
)

type rabbitDriver struct {
	w       *Workload
	url     string
	created bool
	mu      sync.Mutex
	conns   []*amqp.Connection
}

func newRabbitDriver(w *Workload) *rabbitDriver {
	u := w.URL
	if user := os.Getenv("MQBENCH_USERNAME"); user != "" {
		if parsed, err := url.Parse(u); err == nil {
			parsed.User = url.UserPassword(user, os.Getenv("MQBENCH_PASSWORD"))
			u = parsed.String()
		}
	}
	return &rabbitDriver{w: w, url: u}
}

func (d *rabbitDriver) Client() string { return moduleVersion("github.com/rabbitmq/amqp091-go") }

func (d *rabbitDriver) dial() (*amqp.Connection, error) {
	c, err := amqp.DialConfig(d.url, amqp.Config{Dial: amqp.DefaultDial(5 * time.Second), Heartbeat: 5 * time.Second})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errNotReady, err)
	}
	d.mu.Lock()
	d.conns = append(d.conns, c)
	d.mu.Unlock()
	return c, nil
}

func (d *rabbitDriver) queue(g, p int) string { return fmt.Sprintf("%s.g%d.p%d", d.w.Topic, g, p) }
func routingKey(p int) string                 { return fmt.Sprintf("p%d", p) }

func (d *rabbitDriver) queueArgs() (amqp.Table, bool) {
	switch d.w.QueueType {
	case "quorum":
		return amqp.Table{"x-queue-type": "quorum", "x-quorum-initial-group-size": int32(d.w.ReplicationFactor)}, true
	case "stream":
		return amqp.Table{"x-queue-type": "stream", "x-initial-cluster-size": int32(d.w.ReplicationFactor), "x-max-age": "1D"}, true
	}
	return amqp.Table{"x-queue-type": "classic"}, d.w.Persistence
}

func (d *rabbitDriver) Setup(_ context.Context) error {
	if !d.w.Persistence && d.w.QueueType != "classic" {
		return fmt.Errorf("%s queues are always persistent; persistence off needs queueType classic", d.w.QueueType)
	}
	conn, err := d.dial()
	if err != nil {
		return err
	}
	defer conn.Close()
	ch, err := conn.Channel()
	if err != nil {
		return fmt.Errorf("%w: %v", errNotReady, err)
	}
	if err := ch.ExchangeDeclare(d.w.Topic, "direct", d.w.Persistence, false, false, false, nil); err != nil {
		return fmt.Errorf("declare exchange %s: %w", d.w.Topic, err)
	}
	args, durable := d.queueArgs()
	for g := 0; g < d.w.Subscriptions; g++ {
		for p := 0; p < d.w.Partitions; p++ {
			if _, err := ch.QueueDeclare(d.queue(g, p), durable, false, false, false, args); err != nil {
				return fmt.Errorf("declare queue %s: %w", d.queue(g, p), err)
			}
			if err := ch.QueueBind(d.queue(g, p), routingKey(p), d.w.Topic, false, nil); err != nil {
				return fmt.Errorf("bind queue %s: %w", d.queue(g, p), err)
			}
		}
	}
	d.created = true
	return nil
}

// queuesOf is the partitions consumer c of a subscription reads.
func (d *rabbitDriver) queuesOf(c int) []int {
	if d.w.Consumers > d.w.Partitions {
		return []int{c % d.w.Partitions}
	}
	var out []int
	for p := c; p < d.w.Partitions; p += d.w.Consumers {
		out = append(out, p)
	}
	return out
}

func (d *rabbitDriver) StartConsumers(ctx context.Context, stats *Stats) error {
	ready := make(chan error, d.w.Subscriptions*d.w.Partitions*d.w.Consumers)
	n := 0
	for g := 0; g < d.w.Subscriptions; g++ {
		for c := 0; c < d.w.Consumers; c++ {
			for _, p := range d.queuesOf(c) {
				n++
				go d.consumeLoop(ctx, g, d.queue(g, p), stats, ready)
			}
		}
	}
	for i := 0; i < n; i++ {
		select {
		case err := <-ready:
			if err != nil {
				return err
			}
		case <-time.After(30 * time.Second):
			return errors.New("rabbitmq consumers not ready within 30 s")
		}
	}
	return nil
}

// consumeLoop consumes one queue, reconnecting until ctx ends; the first success is reported on ready.
func (d *rabbitDriver) consumeLoop(ctx context.Context, g int, queue string, stats *Stats, ready chan<- error) {
	rec := stats.DeliveryRecorder()
	first := true
	var nextOffset any = "first"
	for ctx.Err() == nil {
		conn, err := d.dial()
		if err == nil {
			var ch *amqp.Channel
			if ch, err = conn.Channel(); err == nil {
				if err = ch.Qos(2000, 0, false); err == nil {
					var args amqp.Table
					if d.w.QueueType == "stream" {
						args = amqp.Table{"x-stream-offset": nextOffset}
					}
					var deliveries <-chan amqp.Delivery
					if deliveries, err = ch.ConsumeWithContext(ctx, queue, "", false, false, false, false, args); err == nil {
						if first {
							ready <- nil
							first = false
						}
						nextOffset = d.drainDeliveries(ctx, g, deliveries, stats, rec, nextOffset)
					}
				}
			}
			conn.Close()
		}
		if first && ctx.Err() == nil && err != nil {
			fmt.Fprintf(os.Stderr, "mqbench: rabbitmq consumer %s: %v (retrying)\n", queue, err)
		}
		select {
		case <-ctx.Done():
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// drainDeliveries handles deliveries until the channel closes; returns the stream offset to resume from.
func (d *rabbitDriver) drainDeliveries(ctx context.Context, g int, deliveries <-chan amqp.Delivery, stats *Stats, rec *recorder, offset any) any {
	var unacked *amqp.Delivery
	count := 0
	lastAck := time.Now()
	flush := func() {
		if unacked != nil {
			_ = unacked.Ack(true)
			unacked = nil
			lastAck = time.Now()
		}
	}
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			flush()
			return offset
		case <-tick.C:
			if time.Since(lastAck) >= 50*time.Millisecond {
				flush()
			}
		case m, ok := <-deliveries:
			if !ok {
				return offset
			}
			stats.Deliver(g, rec, m.Body)
			if o, isInt := m.Headers["x-stream-offset"].(int64); isInt {
				offset = o + 1
			}
			unacked = &m
			count++
			if count%64 == 0 {
				flush()
			}
		}
	}
}

type rabbitProducer struct {
	d       *rabbitDriver
	id      int
	mu      sync.Mutex
	conn    *amqp.Connection
	ch      *amqp.Channel
	pending chan rabbitPending
	wg      sync.WaitGroup
}

type rabbitPending struct {
	dc   *amqp.DeferredConfirmation
	ch   *amqp.Channel
	done func(string)
}

func (d *rabbitDriver) NewProducer(ctx context.Context, id int) (Producer, error) {
	p := &rabbitProducer{d: d, id: id, pending: make(chan rabbitPending, d.w.MaxInFlight+1)}
	if _, err := p.channel(ctx); err != nil {
		return nil, err
	}
	timeout := secondsDur(d.w.AckTimeoutSeconds)
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for pa := range p.pending {
			select {
			case <-pa.dc.Done():
				switch {
				case pa.dc.Acked():
					pa.done("")
				case pa.ch.IsClosed():
					pa.done(FailConnection)
				default:
					pa.done(FailNack)
				}
			case <-time.After(timeout):
				pa.done(FailTimeout)
			}
		}
	}()
	return p, nil
}

// channel returns a confirm-mode channel, reconnecting (every 200 ms) until ctx ends.
func (p *rabbitProducer) channel(ctx context.Context) (*amqp.Channel, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for p.ch == nil || p.ch.IsClosed() {
		if p.conn != nil {
			p.conn.Close()
			p.conn = nil
		}
		conn, err := p.d.dial()
		if err == nil {
			var ch *amqp.Channel
			if ch, err = conn.Channel(); err == nil {
				if err = ch.Confirm(false); err == nil {
					p.conn, p.ch = conn, ch
					break
				}
			}
			conn.Close()
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("producer %d: no connection: %w", p.id, err)
		case <-time.After(200 * time.Millisecond):
		}
	}
	return p.ch, nil
}

func (p *rabbitProducer) Publish(ctx context.Context, partition int, payload []byte, done func(string)) {
	ch, err := p.channel(ctx)
	if err != nil {
		done(FailConnection)
		return
	}
	mode := amqp.Transient
	if p.d.w.Persistence {
		mode = amqp.Persistent
	}
	dc, err := ch.PublishWithDeferredConfirmWithContext(ctx, p.d.w.Topic, routingKey(partition), false, false, amqp.Publishing{DeliveryMode: mode, Body: payload})
	if err != nil || dc == nil {
		done(FailConnection)
		return
	}
	p.pending <- rabbitPending{dc: dc, ch: ch, done: done}
}

func (p *rabbitProducer) Close() {
	close(p.pending)
	p.wg.Wait()
	p.mu.Lock()
	if p.conn != nil {
		p.conn.Close()
	}
	p.mu.Unlock()
}

func (d *rabbitDriver) LeaderPod(_ context.Context, _ *Fault) (string, error) {
	return "", errors.New("the AMQP protocol does not expose the queue leader; deleting the fallback pod")
}

func (d *rabbitDriver) Teardown(_ context.Context) {
	if !d.created {
		return
	}
	conn, err := d.dial()
	if err != nil {
		fmt.Fprintf(os.Stderr, "mqbench: teardown: %v\n", err)
		return
	}
	defer conn.Close()
	ch, err := conn.Channel()
	if err != nil {
		return
	}
	for g := 0; g < d.w.Subscriptions; g++ {
		for p := 0; p < d.w.Partitions; p++ {
			_, _ = ch.QueueDelete(d.queue(g, p), false, false, false)
		}
	}
	_ = ch.ExchangeDelete(d.w.Topic, false, false)
}

func (d *rabbitDriver) Close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, c := range d.conns {
		_ = c.Close()
	}
	d.conns = nil
}
