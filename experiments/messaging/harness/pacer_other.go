//go:build !linux

package main

// Precise sleeps elsewhere: Go's timer to a millisecond before the deadline, then a spin that
// yields the processor between checks.

import (
	"runtime"
	"time"
)

type preciseSleeper struct{}

func newPreciseSleeper() preciseSleeper { return preciseSleeper{} }

func (preciseSleeper) sleep(d time.Duration) {
	if d > 1500*time.Microsecond {
		time.Sleep(d - time.Millisecond)
		return
	}
	runtime.Gosched()
}

func (preciseSleeper) close() {}
