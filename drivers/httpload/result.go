//go:build linux

package main

import (
	"time"

	"perflab/driverstats"
)

type cpuUsage struct {
	UserSeconds   float64 `json:"userSeconds"`
	SystemSeconds float64 `json:"systemSeconds"`
	// Samples are the per-interval CPU utilisations of the progress lines (1 = one core).
	Samples []float64 `json:"samples"`
	// Procs is GOMAXPROCS: the cores the driver could use (its CPU affinity).
	Procs int `json:"procs"`
}

type endpointResult struct {
	Name      string `json:"name"`
	Requests  int64  `json:"requests"`
	Errors    int64  `json:"errors"`
	Histogram string `json:"histogram"`
}

type result struct {
	Type           string           `json:"type"`
	StartedAt      time.Time        `json:"startedAt"`
	FinishedAt     time.Time        `json:"finishedAt"`
	ElapsedSeconds float64          `json:"elapsedSeconds"`
	Requests       int64            `json:"requests"`
	Bytes          int64            `json:"bytes"`
	ErrorsByKind   map[string]int64 `json:"errorsByKind"`
	Endpoints      []endpointResult `json:"endpoints"`
	Aborted        bool             `json:"aborted"`
	CPU            cpuUsage         `json:"cpu"`
}

// snapshotStats is the slice of worker stats as of now (the slice only grows between segments).
func (r *engine) snapshotStats() []*workerStats {
	r.statsMu.Lock()
	defer r.statsMu.Unlock()
	return append([]*workerStats(nil), r.stats...)
}

func (r *engine) result(startedAt, finishedAt time.Time) result {
	res := result{Type: "result", StartedAt: startedAt, FinishedAt: finishedAt, ElapsedSeconds: finishedAt.Sub(startedAt).Seconds(), ErrorsByKind: map[string]int64{}, Aborted: r.stopped.Load()}
	for i, e := range r.cfg.Endpoints {
		h := newHistogram()
		er := endpointResult{Name: e.Name}
		for _, st := range r.stats {
			h.Merge(st.hists[i])
			er.Requests += st.requests[i]
			er.Errors += st.errors[i]
		}
		er.Histogram = driverstats.EncodeHistogram(h)
		res.Requests += er.Requests
		res.Endpoints = append(res.Endpoints, er)
	}
	for _, st := range r.stats {
		res.Bytes += st.bytes
		for k, v := range st.byKind {
			res.ErrorsByKind[k] += v
		}
	}
	return res
}
