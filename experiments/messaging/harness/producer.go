package main

// One producer running the schedule. What a message's timestamp is (and so where its latency
// is measured from):
//
//   - on schedule: the actual send time, read after the pacer woke. The pacer's own lateness
//     (send time − intended time) is the harness's, not the broker's: it goes to the pacing
//     histogram, which the result reports, and not into any latency;
//   - held back by the broker — the in-flight window was full, or a publish call blocked for
//     heldBackAfter (5 ms) or longer (a reconnect, flow control) — the intended send time, from then
//     until the producer is back on schedule. Latency then includes the time the broker kept
//     the producer waiting (coordinated-omission safe);
//   - unthrottled (max-throughput): the send time; there is no schedule.

import (
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"time"
)

// heldBackAfter is how long a publish call may block before the producer counts as held back.
const heldBackAfter = 5 * time.Millisecond

type producerRun struct {
	e        *Engine
	id       int
	p        Producer
	rec      *recorder
	window   chan struct{}
	seq      uint64
	heldBack bool
}

// produce runs the schedule for one producer.
func (e *Engine) produce(ctx context.Context, id int, p Producer, runStart time.Time) {
	r := &producerRun{e: e, id: id, p: p, rec: e.stats.PublishRecorder(), window: make(chan struct{}, e.w.MaxInFlight)}
	pacer := NewPacer()
	defer pacer.Close()
	nProducers := float64(e.w.Producers)
	segStart := runStart
	for _, seg := range e.w.Schedule {
		segEnd := segStart.Add(secondsDur(seg.DurationSeconds))
		if seg.Max {
			for time.Now().Before(segEnd) {
				if !r.send(ctx, time.Time{}) {
					return
				}
			}
		} else if seg.Rate <= 0 {
			if !pacer.Until(ctx, segEnd) {
				return
			}
		} else {
			interval := float64(time.Second) * nProducers / seg.Rate
			offset := interval * float64(id) / nProducers
			for k := 0; ; k++ {
				t := segStart.Add(time.Duration(offset + float64(k)*interval))
				if !t.Before(segEnd) {
					break
				}
				if time.Until(t) > 0 {
					r.heldBack = false // back on schedule
					if !pacer.Until(ctx, t) {
						return
					}
				}
				if !r.send(ctx, t) {
					return
				}
			}
		}
		segStart = segEnd
	}
	r.awaitAcks(ctx)
}

// send publishes one message meant for `intended` (zero: unthrottled); false when ctx ended.
func (r *producerRun) send(ctx context.Context, intended time.Time) bool {
	w := r.e.w
	payload := make([]byte, w.MessageSize)
	for i := HeaderSize; i < len(payload); i++ {
		payload[i] = byte(i)
	}
	scheduled := !intended.IsZero()
	select {
	case r.window <- struct{}{}:
	default:
		r.heldBack = r.heldBack || scheduled
		select {
		case r.window <- struct{}{}:
		case <-ctx.Done():
			return false
		}
	}
	now := time.Now()
	stamp := now
	if scheduled && r.heldBack {
		stamp = intended
		r.e.stats.HeldBack.Add(1)
	} else if scheduled {
		r.e.stats.Pacing.record(int64(now.Sub(intended)))
	}
	s := r.seq
	r.seq++
	binary.BigEndian.PutUint64(payload[0:8], uint64(stamp.UnixNano()))
	binary.BigEndian.PutUint32(payload[8:12], uint32(r.id))
	binary.BigEndian.PutUint64(payload[12:20], s)
	r.e.stats.Sent.Add(1)
	in := stamp.UnixNano()
	rec, id, stats := r.rec, r.id, r.e.stats
	r.p.Publish(ctx, int(s%uint64(w.Partitions)), payload, func(kind string) {
		if kind == "" {
			stats.PublishAcked(rec, id, s, in)
		} else {
			stats.PublishFailed(kind)
		}
		<-r.window
	})
	if scheduled && time.Since(now) >= heldBackAfter {
		r.heldBack = true
	}
	return true
}

// awaitAcks waits for every outstanding publish to be acknowledged or to fail.
func (r *producerRun) awaitAcks(ctx context.Context) {
	deadline := time.After(secondsDur(r.e.w.AckTimeoutSeconds + 5))
	for i := 0; i < cap(r.window); i++ {
		select {
		case r.window <- struct{}{}:
		case <-deadline:
			fmt.Fprintf(os.Stderr, "mqbench: producer %d: %d publishes still unanswered after the ack timeout\n", r.id, cap(r.window)-i)
			return
		case <-ctx.Done():
			return
		}
	}
}
