// Command tpccstyle is perflab's TPC-C-style OLTP driver (not TPC-C: not audited, no keying
// or think time by default, delivery run directly rather than queued). Subcommands:
//
//	tpccstyle load    --engine postgres|mysql --host H --port P --user U --database D --warehouses N
//	tpccstyle run     ... --warehouses N --terminals T --warmup S --duration S
//	tpccstyle cleanup ...
//
// Passwords come from PGPASSWORD / MYSQL_PWD. Each subcommand prints one JSON line on stdout
// (`{"type":"result",...}` or `{"type":"error","message":...}`).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"perflab/driverstats"
)

// Version of the driver, reported in every result.
const Version = "0.1.0"

func emit(v any) {
	_ = json.NewEncoder(os.Stdout).Encode(v)
}

func fail(format string, args ...any) {
	emit(map[string]any{"type": "error", "message": fmt.Sprintf(format, args...)})
	os.Exit(1)
}

type typeResult struct {
	Completed  int64            `json:"completed"`
	Committed  int64            `json:"committed"`
	RolledBack int64            `json:"rolledBack"`
	Retries    map[string]int64 `json:"retries"`
	Errors     map[string]int64 `json:"errors"`
	LatencyUs  string           `json:"latencyUs"`
}

func main() {
	if len(os.Args) < 2 {
		fail("usage: tpccstyle load|run|cleanup [flags]")
	}
	cmd := os.Args[1]
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	var e Endpoint
	fs.StringVar(&e.Engine, "engine", "postgres", "postgres or mysql")
	fs.StringVar(&e.Host, "host", "127.0.0.1", "server host")
	fs.IntVar(&e.Port, "port", 5432, "server port")
	fs.StringVar(&e.User, "user", "postgres", "user")
	fs.StringVar(&e.Database, "database", "perflab", "database")
	warehouses := fs.Int("warehouses", 1, "warehouses (the scale factor)")
	terminals := fs.Int("terminals", 1, "terminals (closed-model clients)")
	loaders := fs.Int("loaders", 2, "parallel loader connections")
	warmup := fs.Float64("warmup", 0, "warm-up seconds, not measured")
	duration := fs.Float64("duration", 10, "measured seconds")
	seed := fs.Uint64("seed", uint64(time.Now().UnixNano()), "random seed")
	if err := fs.Parse(os.Args[2:]); err != nil {
		fail("%s: %v", cmd, err)
	}
	switch {
	case *warehouses < 1:
		fail("--warehouses: %d is not allowed (1 or more)", *warehouses)
	case *terminals < 1:
		fail("--terminals: %d is not allowed (1 or more)", *terminals)
	case *loaders < 1:
		fail("--loaders: %d is not allowed (1 or more)", *loaders)
	case *duration <= 0:
		fail("--duration: %g is not allowed (more than 0 seconds)", *duration)
	case *warmup < 0:
		fail("--warmup: %g is not allowed (0 or more seconds)", *warmup)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	conns := *terminals
	if cmd == "load" {
		conns = *loaders + 1
	}
	db, err := Open(e, conns)
	if err != nil {
		fail("%v", err)
	}
	defer db.Close()
	var server string
	_ = db.QueryRowContext(ctx, "SELECT version()").Scan(&server)
	t0 := time.Now()
	switch cmd {
	case "cleanup":
		if err := DropSchema(ctx, db); err != nil {
			fail("cleanup: %v", err)
		}
		emit(map[string]any{"type": "result", "command": "cleanup"})
	case "load":
		if err := Load(ctx, db, *warehouses, *loaders, *seed); err != nil {
			fail("load: %v", err)
		}
		emit(map[string]any{"type": "result", "command": "load", "warehouses": *warehouses, "seconds": time.Since(t0).Seconds(), "serverVersion": server})
	case "run":
		secs := func(f float64) time.Duration { return time.Duration(f * float64(time.Second)) }
		cpu0 := driverCPUSeconds()
		st := Run(ctx, db, RunOptions{Warehouses: *warehouses, Terminals: *terminals, Warmup: secs(*warmup), Duration: secs(*duration), Seed: *seed})
		if ctx.Err() != nil {
			fail("run: interrupted")
		}
		types := map[string]typeResult{}
		for i, s := range st.Types {
			types[txNames[i]] = typeResult{Completed: s.committed + s.rolledBack, Committed: s.committed, RolledBack: s.rolledBack, Retries: s.retries, Errors: s.errors, LatencyUs: driverstats.EncodeHistogram(s.hist)}
		}
		driverCPU := driverCPUSeconds() - cpu0
		measured := st.Measured.Seconds()
		emit(map[string]any{
			"type": "result", "command": "run", "driver": "tpccstyle", "driverVersion": Version, "engine": e.Engine, "serverVersion": server,
			"warehouses": *warehouses, "terminals": *terminals, "warmupSeconds": *warmup, "measuredSeconds": measured,
			"transactions": types, "newOrderPerMinute": float64(st.Types[NewOrderTx].committed) / measured * 60, "errorSamples": st.ErrorSamples,
			"driverCpuSeconds": driverCPU, "driverWallSeconds": time.Since(t0).Seconds(), "cpus": runtime.NumCPU(),
		})
	default:
		fail("unknown command %q: use load, run or cleanup", cmd)
	}
}

// driverCPUSeconds is the driver's own user + system CPU time so far.
func driverCPUSeconds() float64 {
	user, sys := driverstats.CPUSeconds()
	return user + sys
}
