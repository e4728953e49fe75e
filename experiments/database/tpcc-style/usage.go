package main

import (
	"syscall"
	"time"
)

// cpuTime is this process's user + system CPU time so far (getrusage), so a run can report
// how much CPU the driver itself used and a saturated driver shows.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
