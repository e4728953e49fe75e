// The full-stack payload app: one HTTP service whose POST /checkout walks the composed
// request path (cache → PostgreSQL → broker) with per-layer timings in a Server-Timing header
// and, when OTEL_EXPORTER_OTLP_ENDPOINT is set, OpenTelemetry spans exported over OTLP/HTTP.
// GET /health answers once every configured layer is connected; GET /stats has counters.
package main

import (
	"context"
	"errors"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	if err := run(); err != nil {
		log.Printf("full-stack-app: %v", err)
		os.Exit(1)
	}
}

func run() error {
	cfg, err := LoadConfig()
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	app := &App{cfg: cfg}
	var exporter *Exporter
	if cfg.OtlpEndpoint != "" {
		exporter = NewExporter(cfg.OtlpEndpoint, cfg.ServiceName)
		defer exporter.Close()
		app.tracer = NewTracer(cfg.SampleRatio, exporter.Enqueue)
	}
	if cfg.DatabaseURL != "" {
		if app.store, err = OpenStore(ctx, cfg.DatabaseURL, cfg.DBPoolSize, cfg.DBRows, cfg.DBIndexed); err != nil {
			return err
		}
		defer app.store.Close()
	}
	if cfg.RedisAddr != "" {
		hot, err := app.hotItems(ctx)
		if err != nil {
			return err
		}
		if app.cache, err = OpenCache(ctx, cfg.RedisAddr, hot); err != nil {
			return err
		}
		defer app.cache.Close()
	}
	switch {
	case cfg.NatsURL != "":
		app.publisher, err = OpenNats(ctx, cfg.NatsURL)
	case cfg.AmqpURL != "":
		app.publisher, err = OpenRabbit(ctx, cfg.AmqpURL)
	}
	if err != nil {
		return err
	}
	if app.publisher != nil {
		defer app.publisher.Close()
	}

	mux := http.NewServeMux()
	mux.HandleFunc("/health", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"status":"ok"}`))
	})
	mux.HandleFunc(CheckoutPath, app.checkout)
	mux.HandleFunc("/stats", app.stats(exporter))
	srv := &http.Server{Addr: net.JoinHostPort(cfg.Host, cfg.Port), Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	log.Printf("full-stack-app listening on %s, layers %v", srv.Addr, app.Layers())
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}
	return nil
}
