//go:build linux

// httpload is perflab's native HTTP/1.1 load driver for the local target. It reads a compiled
// plan (segments of closed or open load, a weighted request mix) as JSON on stdin, drives it over
// keep-alive connections, writes a progress line about once a second and a final result line
// (JSON) on stdout: counts, errors by kind, HDR latency histograms in µs (compressed V2,
// base64) and its own CPU time.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"perflab/driverstats"
)

type progressLine struct {
	Type           string  `json:"type"`
	ElapsedSeconds float64 `json:"elapsedSeconds"`
	Segment        int64   `json:"segment"`
	Segments       int     `json:"segments"`
	Requests       int64   `json:"requests"`
	Errors         int64   `json:"errors"`
	// CPUUtilization is the driver's CPU time over the last interval / the interval (1 = one core).
	CPUUtilization float64 `json:"cpuUtilization"`
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "version" {
		fmt.Println("httpload 1.0.0", runtime.Version())
		return
	}
	cfg, err := readConfig(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "httpload:", err)
		os.Exit(2)
	}
	r, err := newEngine(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "httpload:", err)
		os.Exit(2)
	}
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)
	go func() {
		<-sigs
		r.abort()
	}()
	enc := json.NewEncoder(os.Stdout)
	startedAt := time.Now()
	u0, s0 := driverstats.CPUSeconds()
	done := make(chan struct{})
	samples := []float64{} // [] rather than null in JSON for a run shorter than one interval
	progressDone := make(chan struct{})
	go func() {
		defer close(progressDone)
		every := time.Duration(cfg.ProgressSeconds * float64(time.Second))
		tick := time.NewTicker(every)
		defer tick.Stop()
		lastAt, lastCPU := startedAt, u0+s0
		for {
			select {
			case <-done:
				return
			case now := <-tick.C:
				u, s := driverstats.CPUSeconds()
				util := (u + s - lastCPU) / now.Sub(lastAt).Seconds()
				lastAt, lastCPU = now, u+s
				samples = append(samples, round3(util))
				var req, errs int64
				for _, st := range r.snapshotStats() {
					req += st.progressRequests.Load()
					errs += st.progressErrors.Load()
				}
				_ = enc.Encode(progressLine{"progress", round3(now.Sub(startedAt).Seconds()), r.segment.Load(), len(cfg.Segments), req, errs, round3(util)})
			}
		}
	}()
	r.run()
	finishedAt := time.Now()
	close(done)
	<-progressDone
	u1, s1 := driverstats.CPUSeconds()
	res := r.result(startedAt, finishedAt)
	res.CPU = cpuUsage{UserSeconds: round3(u1 - u0), SystemSeconds: round3(s1 - s0), Samples: samples, Procs: runtime.GOMAXPROCS(0)}
	if err := enc.Encode(res); err != nil {
		fmt.Fprintln(os.Stderr, "httpload: cannot write the result:", err)
		os.Exit(1)
	}
}

func round3(x float64) float64 { return float64(int64(x*1000+0.5)) / 1000 }
