package main

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"
)

// maxAttempts bounds the retries of a transaction that fails with a retryable error.
const maxAttempts = 10

// typeStats are one transaction type's figures over the measured window.
type typeStats struct {
	committed, rolledBack int64
	retries, errors       map[string]int64
	hist                  *hdrhistogram.Histogram
}

func newTypeStats() *typeStats {
	return &typeStats{retries: map[string]int64{}, errors: map[string]int64{}, hist: hdrhistogram.New(1, 60_000_000, 3)}
}

func (s *typeStats) merge(o *typeStats) {
	s.committed += o.committed
	s.rolledBack += o.rolledBack
	for k, v := range o.retries {
		s.retries[k] += v
	}
	for k, v := range o.errors {
		s.errors[k] += v
	}
	s.hist.Merge(o.hist)
}

// RunOptions are the knobs of one measured run.
type RunOptions struct {
	Warehouses, Terminals int
	Warmup, Duration      time.Duration
	Seed                  uint64
}

// RunStats is what a run measured.
type RunStats struct {
	Types        [len(txNames)]*typeStats
	Measured     time.Duration
	ErrorSamples []string
}

// Run drives `Terminals` closed-model terminals with no keying or think time: each runs one
// transaction after the other for warm-up + duration. Transactions that start before the
// measured window opens, or end after it closes, are not counted.
func Run(ctx context.Context, db *DB, o RunOptions) *RunStats {
	start := time.Now()
	open, close := start.Add(o.Warmup), start.Add(o.Warmup+o.Duration)
	total := &RunStats{Measured: o.Duration}
	for i := range total.Types {
		total.Types[i] = newTypeStats()
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := 0; i < o.Terminals; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := NewTerminal(db, i, o.Warehouses, o.Seed)
			var mine [len(txNames)]*typeStats
			for k := range mine {
				mine[k] = newTypeStats()
			}
			var samples []string
			for ctx.Err() == nil {
				began := time.Now()
				if !began.Before(close) {
					break
				}
				tt := t.pick()
				s := mine[tt]
				counted := !began.Before(open)
				var err error
				for attempt := 1; ; attempt++ {
					err = t.run(ctx, tt)
					if err == nil || errors.Is(err, errExpectedRollback) {
						break
					}
					kind := ErrorKind(err)
					if !Retryable(kind) || attempt == maxAttempts || ctx.Err() != nil {
						break
					}
					if counted {
						s.retries[kind]++
					}
				}
				ended := time.Now()
				if !counted || ended.After(close) {
					continue
				}
				switch {
				case err == nil:
					s.committed++
				case errors.Is(err, errExpectedRollback):
					s.rolledBack++
				default:
					if ctx.Err() != nil {
						continue
					}
					s.errors[ErrorKind(err)]++
					if len(samples) < 3 {
						samples = append(samples, txNames[tt]+": "+err.Error())
					}
					continue
				}
				_ = s.hist.RecordValue(ended.Sub(began).Microseconds())
			}
			mu.Lock()
			defer mu.Unlock()
			for k := range mine {
				total.Types[k].merge(mine[k])
			}
			if len(total.ErrorSamples) < 5 {
				total.ErrorSamples = append(total.ErrorSamples, samples...)
			}
		}()
	}
	wg.Wait()
	return total
}
