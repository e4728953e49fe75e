//go:build linux

package main

// Precise sleeps on Linux: nanosleep(2) on a locked OS thread whose timer slack is 1 ns
// (prctl PR_SET_TIMERSLACK; the default slack of 50 µs would otherwise delay every wake-up).

import (
	"runtime"
	"syscall"
	"time"
)

const prSetTimerSlack = 29 // PR_SET_TIMERSLACK, linux/prctl.h

type preciseSleeper struct{ locked bool }

func newPreciseSleeper() preciseSleeper {
	runtime.LockOSThread()
	_, _, _ = syscall.RawSyscall(syscall.SYS_PRCTL, prSetTimerSlack, 1, 0)
	return preciseSleeper{locked: true}
}

// sleep blocks the thread for d; an interrupted sleep (EINTR, e.g. Go's preemption signal)
// just returns early, and Pacer.Until sleeps again for what is left.
func (s preciseSleeper) sleep(d time.Duration) {
	ts := syscall.NsecToTimespec(int64(d))
	_ = syscall.Nanosleep(&ts, nil)
}

func (s preciseSleeper) close() {
	if s.locked {
		runtime.UnlockOSThread()
	}
}
