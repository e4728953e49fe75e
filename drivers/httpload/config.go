package main

import (
	"encoding/json"
	"fmt"
	"io"
)

// Segment is one constant stretch of load (src/load/local-plan.ts LocalSegment).
type Segment struct {
	DurationSeconds float64 `json:"durationSeconds"`
	// Connections is the number of concurrent connections (closed model: VUs); 0 idles.
	Connections int `json:"connections"`
	// OverallRate, when set, makes the segment open-model: requests/s across all connections.
	OverallRate float64 `json:"overallRate,omitempty"`
	// ConnectionRate, when set, paces each closed-model connection to this many requests/s.
	ConnectionRate float64 `json:"connectionRate,omitempty"`
}

// Endpoint is one entry of the request mix.
type Endpoint struct {
	Name         string `json:"name"`
	Method       string `json:"method"`
	Path         string `json:"path"`
	Body         string `json:"body,omitempty"`
	ContentType  string `json:"contentType,omitempty"`
	ExpectStatus int    `json:"expectStatus"`
}

// Config is what the TypeScript side sends on stdin.
type Config struct {
	// Address is host:port of the server.
	Address   string     `json:"address"`
	Segments  []Segment  `json:"segments"`
	Endpoints []Endpoint `json:"endpoints"`
	// Cycle lists endpoint indexes in the order requests are sent (the weighted mix).
	Cycle           []int   `json:"cycle"`
	TimeoutSeconds  float64 `json:"timeoutSeconds"`
	ProgressSeconds float64 `json:"progressSeconds"`
}

func readConfig(r io.Reader) (*Config, error) {
	var c Config
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	if c.Address == "" {
		return nil, fmt.Errorf("config: address is empty")
	}
	if len(c.Endpoints) == 0 || len(c.Cycle) == 0 {
		return nil, fmt.Errorf("config: endpoints and cycle must not be empty")
	}
	for i, idx := range c.Cycle {
		if idx < 0 || idx >= len(c.Endpoints) {
			return nil, fmt.Errorf("config: cycle[%d]=%d is not an endpoint index (0..%d)", i, idx, len(c.Endpoints)-1)
		}
	}
	for i, s := range c.Segments {
		if s.DurationSeconds < 0 || s.Connections < 0 || s.OverallRate < 0 || s.ConnectionRate < 0 {
			return nil, fmt.Errorf("config: segments[%d] has a negative value", i)
		}
	}
	if c.TimeoutSeconds <= 0 {
		c.TimeoutSeconds = 10
	}
	if c.ProgressSeconds <= 0 {
		c.ProgressSeconds = 1
	}
	return &c, nil
}
