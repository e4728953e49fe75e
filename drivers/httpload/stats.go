//go:build linux

package main

import (
	"errors"
	"net"
	"os"
	"strconv"
	"sync/atomic"
	"syscall"

	"github.com/HdrHistogram/hdrhistogram-go"
)

// Latencies are recorded in microseconds, 1 µs to 1 h, 3 significant digits.
const maxLatencyMicros = 3_600_000_000

func newHistogram() *hdrhistogram.Histogram { return hdrhistogram.New(1, maxLatencyMicros, 3) }

// workerStats belongs to one connection slot; only its goroutine writes it, except the two
// atomics the progress reporter reads.
type workerStats struct {
	hists            []*hdrhistogram.Histogram // per endpoint
	requests         []int64                   // per endpoint, answered or not
	errors           []int64                   // per endpoint
	bytes            int64
	byKind           map[string]int64
	progressRequests atomic.Int64
	progressErrors   atomic.Int64
}

func newWorkerStats(endpoints int) *workerStats {
	w := &workerStats{hists: make([]*hdrhistogram.Histogram, endpoints), requests: make([]int64, endpoints), errors: make([]int64, endpoints), byKind: map[string]int64{}}
	for i := range w.hists {
		w.hists[i] = newHistogram()
	}
	return w
}

func (w *workerStats) record(endpoint int, micros int64, bytes int, status, expect int) {
	if micros < 1 {
		micros = 1
	}
	if micros > maxLatencyMicros {
		micros = maxLatencyMicros
	}
	_ = w.hists[endpoint].RecordValue(micros)
	w.requests[endpoint]++
	w.bytes += int64(bytes)
	w.progressRequests.Add(1)
	if status != expect {
		w.errors[endpoint]++
		w.byKind["http_"+strconv.Itoa(status/100)+"xx"]++
		w.progressErrors.Add(1)
	}
}

// fail counts a request that got no answer: "timeout" or "connection" (refused, reset, malformed).
func (w *workerStats) fail(endpoint int, err error) {
	w.requests[endpoint]++
	w.errors[endpoint]++
	w.byKind[errorKind(err)]++
	w.progressRequests.Add(1)
	w.progressErrors.Add(1)
}

func errorKind(err error) string {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, syscall.ETIMEDOUT) {
		return "timeout"
	}
	return "connection"
}
