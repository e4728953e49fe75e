package main

// The workload mqbench runs: one definition for every broker. perflab builds it from the
// stack config and the LoadProfile (experiments/messaging/workload.ts) and passes it as JSON.

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// Segment is one stretch of the producer schedule: for DurationSeconds, Rate messages per
// second in total across all producers; with Max, as fast as the in-flight window allows
// (Rate ignored); with neither (Rate 0), idle.
type Segment struct {
	DurationSeconds float64 `json:"durationSeconds"`
	Rate            float64 `json:"rate"`
	Max             bool    `json:"max,omitempty"`
}

// Fault asks the harness to delete a broker pod (cluster only) at AtSeconds after production
// starts. Target is a pod name or "leader" (the partition / stream leader, resolved by the
// driver; RabbitMQ falls back to FallbackPod).
type Fault struct {
	AtSeconds   float64 `json:"atSeconds"`
	Target      string  `json:"target"`
	FallbackPod string  `json:"fallbackPod"`
	Namespace   string  `json:"namespace"`
	// PodPrefix turns a Kafka broker id into a pod name (Strimzi: <cluster>-<pool>-<id>).
	PodPrefix string `json:"podPrefix"`
}

// Workload is everything one run does.
type Workload struct {
	Broker            string    `json:"broker"`
	URL               string    `json:"url"`
	Topic             string    `json:"topic"`
	MessageSize       int       `json:"messageSize"`
	Producers         int       `json:"producers"`
	Consumers         int       `json:"consumers"`
	Subscriptions     int       `json:"subscriptions"`
	Partitions        int       `json:"partitions"`
	Persistence       bool      `json:"persistence"`
	ReplicationFactor int       `json:"replicationFactor"`
	QueueType         string    `json:"queueType"`
	CreateTopology    bool      `json:"createTopology"`
	Schedule          []Segment `json:"schedule"`
	MaxInFlight       int       `json:"maxInFlight"`
	DrainSeconds      float64   `json:"drainSeconds"`
	SampleMillis      int       `json:"sampleMillis"`
	ConnectSeconds    float64   `json:"connectSeconds"`
	AckTimeoutSeconds float64   `json:"ackTimeoutSeconds"`
	Fault             *Fault    `json:"fault,omitempty"`
}

// HeaderSize is the fixed payload header: timestamp (ns; producer.go), producer id, sequence.
const HeaderSize = 20

// LoadWorkload reads a workload from a JSON string or, when it starts with @, from a file.
func LoadWorkload(arg string) (*Workload, error) {
	data := []byte(arg)
	if strings.HasPrefix(arg, "@") {
		b, err := os.ReadFile(arg[1:])
		if err != nil {
			return nil, fmt.Errorf("workload: %w", err)
		}
		data = b
	}
	var w Workload
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		return nil, fmt.Errorf("workload: not valid JSON for a workload: %w", err)
	}
	return &w, w.Validate()
}

// Validate names the first field whose value the harness cannot run.
func (w *Workload) Validate() error {
	bad := func(field string, v any, allowed string) error {
		return fmt.Errorf("workload.%s: %v is not allowed; expected %s", field, v, allowed)
	}
	switch w.Broker {
	case "kafka", "rabbitmq", "nats":
	default:
		return bad("broker", w.Broker, "kafka, rabbitmq or nats")
	}
	if w.URL == "" {
		return bad("url", `""`, "the broker address")
	}
	if w.Topic == "" || strings.ContainsAny(w.Topic, ". *>") {
		return bad("topic", w.Topic, "a name without '.', '*', '>' or spaces")
	}
	if w.MessageSize < HeaderSize {
		return bad("messageSize", w.MessageSize, fmt.Sprintf("at least %d bytes (the timestamp header)", HeaderSize))
	}
	for name, v := range map[string]int{"producers": w.Producers, "consumers": w.Consumers, "subscriptions": w.Subscriptions, "partitions": w.Partitions, "replicationFactor": w.ReplicationFactor, "maxInFlight": w.MaxInFlight, "sampleMillis": w.SampleMillis} {
		if v < 1 {
			return bad(name, v, "a whole number ≥ 1")
		}
	}
	if w.Broker == "rabbitmq" {
		switch w.QueueType {
		case "quorum", "stream", "classic":
		default:
			return bad("queueType", w.QueueType, "quorum, stream or classic")
		}
	}
	if len(w.Schedule) == 0 {
		return bad("schedule", "[]", "at least one segment")
	}
	for i, s := range w.Schedule {
		if s.DurationSeconds <= 0 || s.Rate < 0 {
			return bad(fmt.Sprintf("schedule[%d]", i), fmt.Sprintf("%+v", s), "a positive duration and a rate ≥ 0")
		}
	}
	if w.ConnectSeconds <= 0 {
		w.ConnectSeconds = 60
	}
	if w.AckTimeoutSeconds <= 0 {
		w.AckTimeoutSeconds = 30
	}
	if w.Fault != nil && w.Fault.AtSeconds <= 0 {
		return bad("fault.atSeconds", w.Fault.AtSeconds, "a positive number of seconds")
	}
	return nil
}

// Duration is the length of the production schedule in seconds.
func (w *Workload) Duration() float64 {
	total := 0.0
	for _, s := range w.Schedule {
		total += s.DurationSeconds
	}
	return total
}
