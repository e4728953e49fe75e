package main

// The seam between the engine (same for every broker) and the three broker drivers.

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
)

// Failure kinds a publish can end with (the empty string means acknowledged).
const (
	FailNack       = "publish_nack"
	FailTimeout    = "publish_timeout"
	FailConnection = "publish_connection"
	FailError      = "publish_error"
)

// Producer publishes asynchronously; done is called exactly once per Publish with "" when the
// broker acknowledged the message, or a failure kind.
type Producer interface {
	Publish(ctx context.Context, partition int, payload []byte, done func(kind string))
	Close()
}

// Driver speaks one broker's protocol with its official client.
type Driver interface {
	// Client is the client library and version, e.g. "github.com/nats-io/nats.go v1.55.0".
	Client() string
	// Setup connects and declares (or, with CreateTopology false, waits for) the topic.
	Setup(ctx context.Context) error
	// StartConsumers starts every subscription's consumers; returns once all can receive.
	StartConsumers(ctx context.Context, stats *Stats) error
	// NewProducer connects producer id.
	NewProducer(ctx context.Context, id int) (Producer, error)
	// LeaderPod resolves the pod a "leader" fault deletes.
	LeaderPod(ctx context.Context, f *Fault) (string, error)
	// Teardown deletes what Setup created (when it created it).
	Teardown(ctx context.Context)
	// Close stops consumers and closes every connection.
	Close()
}

// NewDriver picks the driver of w.Broker.
func NewDriver(w *Workload) (Driver, error) {
	switch w.Broker {
	case "nats":
		return newNatsDriver(w), nil
	case "rabbitmq":
		return newRabbitDriver(w), nil
	case "kafka":
		return newKafkaDriver(w), nil
	}
	return nil, fmt.Errorf("no driver for broker %q", w.Broker)
}

// moduleVersion is the version of a dependency compiled into this binary.
func moduleVersion(path string) string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			if d.Path == path {
				return path + " " + d.Version
			}
		}
	}
	return path + " (unknown version)"
}

// errNotReady marks a setup failure worth retrying until the connect deadline.
var errNotReady = errors.New("broker not ready")

// failKind maps a client error to a failure kind.
func failKind(err error) string {
	if err == nil {
		return ""
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return FailTimeout
	}
	s := strings.ToLower(err.Error())
	switch {
	case strings.Contains(s, "timeout") || strings.Contains(s, "timed out"):
		return FailTimeout
	case strings.Contains(s, "closed") || strings.Contains(s, "connection") || strings.Contains(s, "broken pipe") || strings.Contains(s, "eof") || strings.Contains(s, "no responders"):
		return FailConnection
	}
	return FailError
}
