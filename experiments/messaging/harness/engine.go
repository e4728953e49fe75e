package main

// The engine: runs the schedule on every producer (producer.go: how messages are paced and
// timestamped), samples the counters, injects the fault, drains the consumers and reports.

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"
)

// Engine runs one workload against one driver.
type Engine struct {
	w     *Workload
	d     Driver
	out   *Output
	stats *Stats
}

func secondsDur(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// setupWithRetry retries the driver's Setup until it succeeds or ConnectSeconds pass.
func (e *Engine) setupWithRetry(ctx context.Context) error {
	deadline := time.Now().Add(secondsDur(e.w.ConnectSeconds))
	for attempt := 1; ; attempt++ {
		sctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		err := e.d.Setup(sctx)
		cancel()
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return fmt.Errorf("broker %s at %s not usable within %.0f s: %w", e.w.Broker, e.w.URL, e.w.ConnectSeconds, err)
		}
		fmt.Fprintf(os.Stderr, "mqbench: setup attempt %d: %v (retrying)\n", attempt, err)
		time.Sleep(time.Second)
	}
}

// Run executes the workload and writes start, ready, sample, fault and result lines.
func (e *Engine) Run(ctx context.Context) error {
	started := time.Now()
	e.out.Emit(map[string]any{"type": "start", "unixMs": started.UnixMilli(), "broker": e.w.Broker, "harness": HarnessVersion, "client": e.d.Client()})
	if err := e.setupWithRetry(ctx); err != nil {
		return err
	}
	defer e.d.Close()
	cctx, stopConsumers := context.WithCancel(ctx)
	defer stopConsumers()
	if err := e.d.StartConsumers(cctx, e.stats); err != nil {
		return fmt.Errorf("consumers: %w", err)
	}
	producers := make([]Producer, e.w.Producers)
	for i := range producers {
		p, err := e.d.NewProducer(ctx, i)
		if err != nil {
			return fmt.Errorf("producer %d: %w", i, err)
		}
		producers[i] = p
	}
	runStart := time.Now()
	e.out.Emit(map[string]any{"type": "ready", "unixMs": runStart.UnixMilli(), "setupMs": runStart.Sub(started).Milliseconds()})

	sampleStop := make(chan struct{})
	sampled := make(chan struct{})
	go e.sample(runStart, sampleStop, sampled)
	if e.w.Fault != nil {
		go e.injectFault(ctx, runStart)
	}
	var wg sync.WaitGroup
	for i, p := range producers {
		wg.Add(1)
		go func(id int, p Producer) {
			defer wg.Done()
			e.produce(ctx, id, p, runStart)
		}(i, p)
	}
	wg.Wait()
	productionEnd := time.Now()
	deliveredAtEnd := e.stats.UniqueDelivered()
	drainDeadline := productionEnd.Add(secondsDur(e.w.DrainSeconds))
	for !e.stats.AllDelivered() && time.Now().Before(drainDeadline) && ctx.Err() == nil {
		time.Sleep(20 * time.Millisecond)
	}
	drained := e.stats.AllDelivered()
	close(sampleStop)
	<-sampled
	for _, p := range producers {
		p.Close()
	}
	stopConsumers()
	tctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	e.d.Teardown(tctx)
	cancel()
	e.report(started, runStart, productionEnd, deliveredAtEnd, drained)
	return nil
}

// sample writes one cumulative-counter line every SampleMillis until stop is closed.
func (e *Engine) sample(runStart time.Time, stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	tick := time.NewTicker(time.Duration(e.w.SampleMillis) * time.Millisecond)
	defer tick.Stop()
	emit := func() {
		failed := int64(0)
		for _, n := range e.stats.ErrorCounts() {
			failed += n
		}
		e.out.Emit(map[string]any{
			"type": "sample", "t": roundTo(time.Since(runStart).Seconds(), 3),
			"sent": e.stats.Sent.Load(), "acked": e.stats.Acked.Load(), "failed": failed,
			"delivered": e.stats.Delivered.Load(), "duplicates": e.stats.Duplicates.Load(),
		})
	}
	for {
		select {
		case <-tick.C:
			emit()
		case <-stop:
			emit()
			return
		}
	}
}

func roundTo(v float64, digits int) float64 {
	p := 1.0
	for i := 0; i < digits; i++ {
		p *= 10
	}
	return float64(int64(v*p+0.5)) / p
}
