package driverstats

import "syscall"

// CPUSeconds is this process's user and system CPU time so far (getrusage RUSAGE_SELF), so a
// run can report how much CPU the driver itself used and a saturated driver shows; zeros when
// getrusage fails.
func CPUSeconds() (user, sys float64) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0
	}
	return float64(ru.Utime.Sec) + float64(ru.Utime.Usec)/1e6, float64(ru.Stime.Sec) + float64(ru.Stime.Usec)/1e6
}
