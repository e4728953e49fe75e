// The messaging layer: one "order created" event per checkout, published and confirmed by the
// broker before the request answers — NATS JetStream (publish waits for the stream's ack) or
// RabbitMQ (publisher confirms on a durable queue).
package main

import (
	"context"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	amqp "github.com/rabbitmq/amqp091-go"
)

// Publisher sends one message and returns once the broker has confirmed it.
type Publisher interface {
	Publish(ctx context.Context, body []byte) error
	Close()
	// System is the messaging.system span attribute (nats, rabbitmq).
	System() string
}

// OrdersStream is the JetStream stream (and RabbitMQ queue) the app publishes to.
const OrdersStream = "orders"

// OrdersSubject is the NATS subject of the events.
const OrdersSubject = "orders.created"

type natsPublisher struct {
	nc *nats.Conn
	js jetstream.JetStream
}

// OpenNats connects to NATS and makes sure the orders stream exists.
func OpenNats(ctx context.Context, url string) (Publisher, error) {
	nc, err := nats.Connect(url, nats.Name("full-stack-app"), nats.RetryOnFailedConnect(true), nats.MaxReconnects(-1))
	if err != nil {
		return nil, fmt.Errorf("NATS at %s: %w", url, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, err
	}
	cctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	for {
		_, err = js.CreateOrUpdateStream(cctx, jetstream.StreamConfig{Name: OrdersStream, Subjects: []string{OrdersStream + ".>"}, Storage: jetstream.FileStorage, MaxAge: 24 * time.Hour})
		if err == nil {
			break
		}
		if cctx.Err() != nil {
			nc.Close()
			return nil, fmt.Errorf("JetStream stream %s: %w", OrdersStream, err)
		}
		time.Sleep(500 * time.Millisecond)
	}
	return &natsPublisher{nc: nc, js: js}, nil
}

func (p *natsPublisher) Publish(ctx context.Context, body []byte) error {
	_, err := p.js.Publish(ctx, OrdersSubject, body)
	return err
}

func (p *natsPublisher) Close()         { p.nc.Close() }
func (p *natsPublisher) System() string { return "nats" }

type rabbitPublisher struct {
	conn     *amqp.Connection
	channels chan *amqp.Channel
}

// rabbitChannels is how many publishes may wait for their confirm at once.
const rabbitChannels = 16

// OpenRabbit connects to RabbitMQ, declares the durable orders queue and opens a pool of
// channels in confirm mode (one publish in flight per channel, so confirms match publishes).
func OpenRabbit(ctx context.Context, url string) (Publisher, error) {
	var conn *amqp.Connection
	var err error
	deadline := time.Now().Add(90 * time.Second)
	for {
		conn, err = amqp.Dial(url)
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("RabbitMQ not reachable within 90 s: %w", err)
		}
		time.Sleep(500 * time.Millisecond)
	}
	p := &rabbitPublisher{conn: conn, channels: make(chan *amqp.Channel, rabbitChannels)}
	for i := 0; i < rabbitChannels; i++ {
		ch, err := conn.Channel()
		if err == nil && i == 0 {
			_, err = ch.QueueDeclare(OrdersStream, true, false, false, false, nil)
		}
		if err == nil {
			err = ch.Confirm(false)
		}
		if err != nil {
			conn.Close()
			return nil, fmt.Errorf("RabbitMQ queue %s: %w", OrdersStream, err)
		}
		p.channels <- ch
	}
	return p, nil
}

func (p *rabbitPublisher) Publish(ctx context.Context, body []byte) error {
	ch := <-p.channels
	defer func() { p.channels <- ch }()
	conf, err := ch.PublishWithDeferredConfirmWithContext(ctx, "", OrdersStream, false, false, amqp.Publishing{ContentType: "application/json", DeliveryMode: amqp.Persistent, Body: body})
	if err != nil {
		return err
	}
	ok, err := conf.WaitContext(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("RabbitMQ nacked the publish")
	}
	return nil
}

func (p *rabbitPublisher) Close()         { p.conn.Close() }
func (p *rabbitPublisher) System() string { return "rabbitmq" }
