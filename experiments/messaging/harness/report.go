package main

// Output: one JSON object per line on stdout (start, ready, sample, fault, result); logs go to
// stderr. perflab's parser (experiments/messaging/harness-output.ts) reads exactly this.

import (
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"time"

	"perflab/driverstats"
)

// HarnessVersion is reported in every start and result line.
const HarnessVersion = "mqbench 0.3.0"

// Output writes JSON lines.
type Output struct {
	mu  sync.Mutex
	enc *json.Encoder
}

// NewOutput writes to stdout.
func NewOutput() *Output { return &Output{enc: json.NewEncoder(os.Stdout)} }

// Emit writes one line.
func (o *Output) Emit(v map[string]any) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if err := o.enc.Encode(v); err != nil {
		fmt.Fprintf(os.Stderr, "mqbench: cannot write output: %v\n", err)
	}
}

// report writes the result line.
func (e *Engine) report(started, runStart, productionEnd time.Time, deliveredAtEnd []int64, drained bool) {
	e.stats.Pacing.mu.Lock()
	pacing := driverstats.EncodeHistogram(e.stats.Pacing.h)
	e.stats.Pacing.mu.Unlock()
	lostDeliveries, lostMessages := e.stats.Lost()
	finished := time.Now()
	e.out.Emit(map[string]any{
		"type":                  "result",
		"harness":               HarnessVersion,
		"broker":                e.w.Broker,
		"client":                e.d.Client(),
		"startedAtUnixMs":       started.UnixMilli(),
		"productionStartUnixMs": runStart.UnixMilli(),
		"productionEndUnixMs":   productionEnd.UnixMilli(),
		"finishedAtUnixMs":      finished.UnixMilli(),
		"productionSeconds":     roundTo(productionEnd.Sub(runStart).Seconds(), 3),
		"sent":                  e.stats.Sent.Load(),
		"acked":                 e.stats.Acked.Load(),
		"publishErrors":         e.stats.ErrorCounts(),
		"delivered":             e.stats.Delivered.Load(),
		"uniqueDelivered":       e.stats.UniqueDelivered(),
		// First deliveries per subscription when production ended (delivered rate; a consumer behind).
		"deliveredAtProductionEnd": deliveredAtEnd,
		// Send time − intended time of on-schedule messages (the pacer's own error), µs.
		"pacingLatenessUs":  pacing,
		"heldBack":          e.stats.HeldBack.Load(),
		"duplicates":        e.stats.Duplicates.Load(),
		"lostDeliveries":    lostDeliveries,
		"lostMessages":      lostMessages,
		"deliveredNotAcked": e.stats.DeliveredNotAcked(),
		"undecodable":       e.stats.Undecodable.Load(),
		"drained":           drained,
		"messageSize":       e.w.MessageSize,
		"subscriptions":     e.w.Subscriptions,
		"publishLatencyUs":  driverstats.EncodeHistogram(e.stats.PublishHistogram()),
		"endToEndLatencyUs": driverstats.EncodeHistogram(e.stats.DeliveryHistogram()),
	})
}
