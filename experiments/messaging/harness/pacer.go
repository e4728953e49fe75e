package main

// Pacing: waiting until a message's intended send time, precise to tens of microseconds.
// time.Sleep is not: Go's netpoller waits in whole milliseconds (runtime/netpoll_epoll.go
// rounds a sub-millisecond delay up to 1 ms and truncates longer ones), so a producer paced
// with it at 1000 msg/s leaves each message 0–1 ms late. On Linux (pacer_linux.go) the pacer
// arms a timerfd — a nanosecond kernel timer — and waits for it in Go's netpoller, so the
// goroutine parks exactly as it would in time.Sleep. (A nanosleep(2) on a locked thread was as
// precise but cost ~50 µs of publish latency: the thread sleeping outside the netpoller delays
// the client's own goroutines.) Elsewhere, and if no timerfd can be had, spinSleeper sleeps to
// a millisecond before the deadline and then yields in a loop.

import (
	"context"
	"runtime"
	"time"
)

// coarseSleepAbove is the wait beyond which the pacer first sleeps on Go's timer (which a
// cancelled run interrupts) and only the last stretch precisely.
const coarseSleepAbove = 50 * time.Millisecond

// coarseMargin is how far before the deadline a coarse sleep stops: more than the netpoller's
// millisecond granularity.
const coarseMargin = 2 * time.Millisecond

// preciseSleeper sleeps about d (never much longer); Pacer.Until loops until the deadline.
type preciseSleeper interface {
	sleep(d time.Duration)
	close()
}

// Pacer waits until absolute deadlines. One per producer goroutine; not safe to share.
type Pacer struct{ precise preciseSleeper }

// NewPacer makes a pacer with the most precise sleeper the platform has.
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

// Close releases what NewPacer took (the timerfd).
func (p *Pacer) Close() { p.precise.close() }

// spinSleeper: Go's timer to a millisecond before the deadline, then runtime.Gosched in a loop
// (burns CPU for the last millisecond of every wait).
type spinSleeper struct{}

func (spinSleeper) sleep(d time.Duration) {
	if d > 1500*time.Microsecond {
		time.Sleep(d - time.Millisecond)
		return
	}
	runtime.Gosched()
}

func (spinSleeper) close() {}
