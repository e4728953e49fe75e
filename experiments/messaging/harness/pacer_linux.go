//go:build linux

package main

// The Linux sleeper: a timerfd (CLOCK_MONOTONIC, nanosecond resolution, no timer slack) read
// through Go's netpoller, so waiting parks the goroutine like time.Sleep but wakes on time.

import (
	"fmt"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

type timerfdSleeper struct {
	fd  int
	f   *os.File
	buf []byte
}

func newPreciseSleeper() preciseSleeper {
	fd, err := unix.TimerfdCreate(unix.CLOCK_MONOTONIC, unix.TFD_NONBLOCK|unix.TFD_CLOEXEC)
	if err != nil {
		fmt.Fprintf(os.Stderr, "mqbench: no timerfd (%v): pacing by sleep and spin\n", err)
		return spinSleeper{}
	}
	return &timerfdSleeper{fd: fd, f: os.NewFile(uintptr(fd), "pacer-timerfd"), buf: make([]byte, 8)}
}

// sleep arms the timer d from now and blocks until it expires.
func (s *timerfdSleeper) sleep(d time.Duration) {
	spec := unix.ItimerSpec{Value: unix.NsecToTimespec(int64(d))}
	if err := unix.TimerfdSettime(s.fd, 0, &spec, nil); err != nil {
		time.Sleep(d)
		return
	}
	_, _ = s.f.Read(s.buf)
}

func (s *timerfdSleeper) close() { _ = s.f.Close() }
