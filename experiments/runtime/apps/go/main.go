// Command server is the perflab runtime payload: the standard library's net/http.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

const nError = "n must be an integer between 1 and 100000"

type item struct {
	Sku   string  `json:"sku"`
	Qty   int     `json:"qty"`
	Price float64 `json:"price"`
}

type document struct {
	ID     int      `json:"id"`
	Name   string   `json:"name"`
	Active bool     `json:"active"`
	Score  float64  `json:"score"`
	Tags   []string `json:"tags"`
	Items  []item   `json:"items"`
}

var fixed = document{
	ID: 1, Name: "perflab", Active: true, Score: 99.5,
	Tags: []string{"alpha", "beta", "gamma"},
	Items: []item{
		{Sku: "A-100", Qty: 2, Price: 9.99},
		{Sku: "B-200", Qty: 1, Price: 24.5},
		{Sku: "C-300", Qty: 5, Price: 3.25},
	},
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(body)
}

func echo(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		writeJSON(w, http.StatusRequestEntityTooLarge, map[string]string{"error": "body too large"})
		return
	}
	var v any
	if err != nil || json.Unmarshal(body, &v) != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "malformed JSON"})
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// parseN accepts ASCII digits only, value in [1, 100000].
func parseN(s string) (int32, bool) {
	if s == "" {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil || n < 1 || n > 100000 {
		return 0, false
	}
	return int32(n), true
}

// countPrimes counts primes in [2, n] by plain trial division (same loop in every variant).
func countPrimes(n int32) int32 {
	var count int32
	for k := int32(2); k <= n; k++ {
		prime := true
		for d := int32(2); d*d <= k; d++ {
			if k%d == 0 {
				prime = false
				break
			}
		}
		if prime {
			count++
		}
	}
	return count
}

func compute(w http.ResponseWriter, r *http.Request) {
	n, ok := parseN(r.URL.Query().Get("n"))
	if !ok {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": nError})
		return
	}
	writeJSON(w, http.StatusOK, map[string]int32{"n": n, "primes": countPrimes(n)})
}

// forwarder answers GET /forward: with no upstreams it is a leaf; otherwise it calls every
// upstream URL (concurrently) and answers once all have answered 2xx, with the number of
// services the request reached. Enabled by UPSTREAMS (comma-separated URLs); the mesh
// experiment builds chains and fan-outs from it. The other endpoints do not use it.
type forwarder struct {
	service   string
	upstreams []string
	client    *http.Client
}

type forwardAnswer struct {
	Service string `json:"service"`
	Calls   int    `json:"calls"`
}

func newForwarder(service, upstreams string, timeout time.Duration) *forwarder {
	f := &forwarder{service: service}
	for _, u := range strings.Split(upstreams, ",") {
		if u = strings.TrimSpace(u); u != "" {
			f.upstreams = append(f.upstreams, u)
		}
	}
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConns = 1024
	transport.MaxIdleConnsPerHost = 256
	f.client = &http.Client{Transport: transport, Timeout: timeout}
	return f
}

// call GETs one upstream and returns the calls it reports.
func (f *forwarder) call(ctx context.Context, url string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	res, err := f.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, 1<<16))
	if err != nil {
		return 0, err
	}
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return 0, fmt.Errorf("status %d", res.StatusCode)
	}
	var a forwardAnswer
	if err := json.Unmarshal(body, &a); err != nil {
		return 0, fmt.Errorf("answer is not JSON: %v", err)
	}
	return a.Calls, nil
}

func (f *forwarder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	type result struct {
		calls int
		err   error
		url   string
	}
	results := make(chan result, len(f.upstreams))
	for _, u := range f.upstreams {
		go func(u string) {
			n, err := f.call(r.Context(), u)
			results <- result{n, err, u}
		}(u)
	}
	calls := 1
	var failed []string
	for range f.upstreams {
		res := <-results
		if res.err != nil {
			failed = append(failed, res.url+": "+res.err.Error())
			continue
		}
		calls += res.calls
	}
	if len(failed) > 0 {
		writeJSON(w, http.StatusBadGateway, map[string]string{"error": "upstream failed: " + strings.Join(failed, "; ")})
		return
	}
	writeJSON(w, http.StatusOK, forwardAnswer{Service: f.service, Calls: calls})
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// spinning wraps h so that every request first busy-waits spinUs microseconds (PERFLAB_SPIN_US:
// an injected, CPU-bound regression for the gate's trials; 0, the default, leaves h as it is).
func spinning(h http.Handler, spinUs int) http.Handler {
	if spinUs <= 0 {
		return h
	}
	d := time.Duration(spinUs) * time.Microsecond
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for end := time.Now().Add(d); time.Now().Before(end); {
		}
		h.ServeHTTP(w, r)
	})
}

// servePprof serves net/http/pprof's CPU profile endpoint on its own listener at addr
// (PERFLAB_PPROF_ADDR, e.g. 127.0.0.1:6060), apart from the API's port and mux, so a profiler
// can fetch /debug/pprof/profile?seconds=N while the load runs. Unset, the default: no listener.
func servePprof(addr string) error {
	if addr == "" {
		return nil
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	go http.Serve(ln, mux)
	return nil
}

func main() {
	host, port := envOr("HOST", "0.0.0.0"), envOr("PORT", "8080")
	spinUs, err := strconv.Atoi(envOr("PERFLAB_SPIN_US", "0"))
	if err != nil || spinUs < 0 || spinUs > 1000000 {
		fmt.Fprintln(os.Stderr, "PERFLAB_SPIN_US must be a whole number of microseconds 0..1000000")
		os.Exit(1)
	}

	if err := servePprof(os.Getenv("PERFLAB_PPROF_ADDR")); err != nil {
		fmt.Fprintln(os.Stderr, "PERFLAB_PPROF_ADDR:", err)
		os.Exit(1)
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /json", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, fixed)
	})
	mux.HandleFunc("POST /echo", echo)
	mux.HandleFunc("GET /compute", compute)
	timeoutMs, err := strconv.Atoi(envOr("UPSTREAM_TIMEOUT_MS", "10000"))
	if err != nil || timeoutMs < 1 {
		fmt.Fprintln(os.Stderr, "UPSTREAM_TIMEOUT_MS must be a whole number of milliseconds >= 1")
		os.Exit(1)
	}
	mux.Handle("GET /forward", newForwarder(envOr("SERVICE_NAME", "runtime-go"), os.Getenv("UPSTREAMS"), time.Duration(timeoutMs)*time.Millisecond))

	ln, err := net.Listen("tcp", net.JoinHostPort(host, port))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	srv := &http.Server{Handler: spinning(mux, spinUs), ReadHeaderTimeout: 10 * time.Second}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	done := make(chan error, 1)
	go func() {
		<-ctx.Done()
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		done <- srv.Shutdown(shutdownCtx)
	}()

	fmt.Printf("listening on %s:%s\n", host, port)
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := <-done; err != nil {
		fmt.Fprintln(os.Stderr, "shutdown:", err)
		os.Exit(1)
	}
}
