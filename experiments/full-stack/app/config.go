// Configuration of the full-stack app, read once from the environment. Every backing service
// is optional: an unset address turns its layer off, so the same binary serves the app-only
// stack and the full stack.
package main

import (
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
)

// Config is everything the app reads from its environment.
type Config struct {
	Host string
	Port string
	// ServiceName is the OpenTelemetry service.name of the app's spans.
	ServiceName string
	// DatabaseURL is a postgres:// URL without password (pgx reads PGPASSWORD); empty: no database layer.
	DatabaseURL string
	// DBRows is how many catalogue rows the app seeds (the read query scans them without an index).
	DBRows int
	// DBIndexed creates an index on items.sku (the indexed-queries preset); false drops it.
	DBIndexed bool
	// DBPoolSize is the maximum connections of the app's PostgreSQL pool.
	DBPoolSize int
	// NatsURL turns on publishing to NATS JetStream; empty: off.
	NatsURL string
	// AmqpURL turns on publishing to RabbitMQ (publisher confirms); empty: off. AMQP_USER and
	// AMQP_PASSWORD, when set, go into it (so the password can come from a Secret).
	AmqpURL string
	// RedisAddr (host:port) turns the cache layer on; empty: off.
	RedisAddr string
	// CacheHitRatio is the share of requests whose item is read from the warm set (0..1).
	CacheHitRatio float64
	// HotItems is how many items are pre-warmed in the cache.
	HotItems int
	// OtlpEndpoint is the OTLP/HTTP base URL (http://collector:4318); empty: no tracing.
	OtlpEndpoint string
	// SampleRatio is the share of root requests that are traced (0..1); sampled parents are always followed.
	SampleRatio float64
}

func env(name, def string) string {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		return v
	}
	return def
}

func envInt(name string, def, min, max int) (int, error) {
	raw := env(name, strconv.Itoa(def))
	n, err := strconv.Atoi(raw)
	if err != nil || n < min || n > max {
		return 0, fmt.Errorf("%s: %q is not a whole number in %d..%d", name, raw, min, max)
	}
	return n, nil
}

func envRatio(name string, def float64) (float64, error) {
	raw := env(name, strconv.FormatFloat(def, 'f', -1, 64))
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil || f < 0 || f > 1 {
		return 0, fmt.Errorf("%s: %q is not a number in 0..1", name, raw)
	}
	return f, nil
}

// LoadConfig reads the environment; an invalid value is an error naming the variable.
func LoadConfig() (Config, error) {
	c := Config{
		Host:         env("HOST", "0.0.0.0"),
		Port:         env("PORT", "8080"),
		ServiceName:  env("OTEL_SERVICE_NAME", "full-stack-app"),
		DatabaseURL:  env("DATABASE_URL", ""),
		DBIndexed:    strings.EqualFold(env("DB_INDEXED", "false"), "true"),
		NatsURL:      env("NATS_URL", ""),
		AmqpURL:      env("AMQP_URL", ""),
		RedisAddr:    env("REDIS_ADDR", ""),
		OtlpEndpoint: strings.TrimRight(env("OTEL_EXPORTER_OTLP_ENDPOINT", ""), "/"),
	}
	var err error
	if c.DBRows, err = envInt("DB_ROWS", 20000, 1, 10_000_000); err != nil {
		return c, err
	}
	if c.DBPoolSize, err = envInt("DB_POOL_SIZE", 16, 1, 1000); err != nil {
		return c, err
	}
	if c.HotItems, err = envInt("CACHE_HOT_ITEMS", 100, 1, 100_000); err != nil {
		return c, err
	}
	if c.CacheHitRatio, err = envRatio("CACHE_HIT_RATIO", 0.8); err != nil {
		return c, err
	}
	if c.SampleRatio, err = envRatio("OTEL_TRACES_SAMPLER_ARG", 1); err != nil {
		return c, err
	}
	if user := env("AMQP_USER", ""); user != "" && c.AmqpURL != "" {
		u, err := url.Parse(c.AmqpURL)
		if err != nil {
			return c, fmt.Errorf("AMQP_URL: %v", err)
		}
		u.User = url.UserPassword(user, env("AMQP_PASSWORD", ""))
		c.AmqpURL = u.String()
	}
	if c.NatsURL != "" && c.AmqpURL != "" {
		return c, fmt.Errorf("NATS_URL and AMQP_URL are both set; the app publishes to one broker")
	}
	if c.HotItems > c.DBRows {
		c.HotItems = c.DBRows
	}
	return c, nil
}
