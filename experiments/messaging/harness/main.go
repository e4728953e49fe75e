// mqbench: perflab's messaging harness. One workload definition, three brokers (Kafka,
// RabbitMQ, NATS JetStream) spoken to through their clients, measured identically:
// publish latency (message timestamp → broker ack) and end-to-end latency (message timestamp
// → delivery; producer.go says which time the timestamp is) in HDR histograms, counters sampled over time, and exact loss and
// duplicate counts from per-message sequence numbers.
//
//	mqbench --workload '<json>'      # or --workload @file.json
//	mqbench --version
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	workloadArg := flag.String("workload", os.Getenv("MQBENCH_WORKLOAD"), "workload as JSON, or @file (default $MQBENCH_WORKLOAD)")
	version := flag.Bool("version", false, "print the harness version and client libraries, then exit")
	flag.Parse()
	if *version {
		fmt.Println(HarnessVersion)
		for _, m := range []string{"github.com/nats-io/nats.go", "github.com/rabbitmq/amqp091-go", "github.com/twmb/franz-go", "github.com/HdrHistogram/hdrhistogram-go"} {
			fmt.Println(moduleVersion(m))
		}
		return
	}
	w, err := LoadWorkload(*workloadArg)
	if err != nil {
		fmt.Fprintf(os.Stderr, "mqbench: %v\n", err)
		os.Exit(2)
	}
	d, err := NewDriver(w)
	if err != nil {
		fmt.Fprintf(os.Stderr, "mqbench: %v\n", err)
		os.Exit(2)
	}
	// Hard stop: schedule + connect + drain + ack timeouts + margin.
	limit := secondsDur(w.Duration() + w.ConnectSeconds + w.DrainSeconds + 2*w.AckTimeoutSeconds + 60)
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		<-sig
		fmt.Fprintln(os.Stderr, "mqbench: interrupted")
		cancel()
		time.Sleep(3 * time.Second)
		os.Exit(130)
	}()
	e := &Engine{w: w, d: d, out: NewOutput(), stats: NewStats(w)}
	if err := e.Run(ctx); err != nil {
		e.out.Emit(map[string]any{"type": "error", "message": err.Error()})
		fmt.Fprintf(os.Stderr, "mqbench: %v\n", err)
		os.Exit(1)
	}
}
