package main

// Pacing: waiting until a message's intended send time, precise to tens of microseconds.
// time.Sleep is not: Go's netpoller waits in whole milliseconds (runtime/netpoll_epoll.go
// rounds a sub-millisecond delay up to 1 ms and truncates longer ones), so a producer paced
// with it at 1000 msg/s leaves each message 0–1 ms late. The Linux pacer (pacer_linux.go)
// sleeps in the kernel instead, on a thread of its own with the timer slack set to 1 ns; the
// portable one (pacer_other.go) sleeps to a millisecond before the deadline and spins.

import (
	"context"
	"time"
)

// coarseSleepAbove is the wait beyond which the pacer first sleeps on Go's timer (which a
// cancelled run interrupts) and only the last stretch precisely.
const coarseSleepAbove = 50 * time.Millisecond

// coarseMargin is how far before the deadline a coarse sleep stops: more than the netpoller's
// millisecond granularity.
const coarseMargin = 2 * time.Millisecond

// Pacer waits until absolute deadlines. One per producer goroutine; not safe to share.
type Pacer struct{ precise preciseSleeper }

// NewPacer prepares the calling goroutine for precise waits (Linux: locks it to its OS thread
// and lowers the thread's timer slack). Call it on the goroutine that will wait.
func NewPacer() *Pacer { return &Pacer{precise: newPreciseSleeper()} }

// Until returns once time.Now() is at or after deadline, or ctx ends (false).
func (p *Pacer) Until(ctx context.Context, deadline time.Time) bool {
	d := time.Until(deadline)
	if d > coarseSleepAbove {
		t := time.NewTimer(d - coarseMargin)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return false
		}
	}
	for {
		d = time.Until(deadline)
		if d <= 0 {
			return ctx.Err() == nil
		}
		p.precise.sleep(d)
	}
}

// Close releases what NewPacer took (the OS thread lock).
func (p *Pacer) Close() { p.precise.close() }
