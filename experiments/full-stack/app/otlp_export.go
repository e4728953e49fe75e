// The OTLP/HTTP exporter: finished spans are queued (never blocking a request: a full queue
// drops and counts), batched, and POSTed as OTLP/JSON (the protocol's JSON encoding, which
// the OpenTelemetry Collector's otlp receiver accepts on /v1/traces) once a second or every
// 512 spans. Written on the standard library so the app's only dependencies are its clients.
package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

const (
	exportBatch    = 512
	exportQueue    = 65536
	exportInterval = time.Second
)

// Exporter sends spans to an OTLP/HTTP endpoint.
type Exporter struct {
	url      string
	service  string
	queue    chan Span
	client   *http.Client
	done     chan struct{}
	wg       sync.WaitGroup
	Exported atomic.Int64
	Dropped  atomic.Int64
	Failed   atomic.Int64
}

// NewExporter starts an exporter posting to `<endpoint>/v1/traces` as `service`.
func NewExporter(endpoint, service string) *Exporter {
	e := &Exporter{
		url:     endpoint + "/v1/traces",
		service: service,
		queue:   make(chan Span, exportQueue),
		client:  &http.Client{Timeout: 10 * time.Second},
		done:    make(chan struct{}),
	}
	e.wg.Add(1)
	go e.loop()
	return e
}

// Enqueue queues a span, dropping it when the queue is full.
func (e *Exporter) Enqueue(s Span) {
	select {
	case e.queue <- s:
	default:
		e.Dropped.Add(1)
	}
}

// Close flushes what is queued and stops.
func (e *Exporter) Close() {
	close(e.done)
	e.wg.Wait()
}

func (e *Exporter) loop() {
	defer e.wg.Done()
	ticker := time.NewTicker(exportInterval)
	defer ticker.Stop()
	batch := make([]Span, 0, exportBatch)
	flush := func() {
		if len(batch) > 0 {
			e.post(batch)
			batch = batch[:0]
		}
	}
	add := func(s Span) {
		batch = append(batch, s)
		if len(batch) >= exportBatch {
			flush()
		}
	}
	for {
		select {
		case s := <-e.queue:
			add(s)
		case <-ticker.C:
			flush()
		case <-e.done:
			// Drain what is queued, then send the last batch.
			for len(e.queue) > 0 {
				add(<-e.queue)
			}
			flush()
			return
		}
	}
}

type otlpValue struct {
	StringValue string `json:"stringValue"`
}
type otlpAttr struct {
	Key   string    `json:"key"`
	Value otlpValue `json:"value"`
}
type otlpStatus struct {
	Code int `json:"code"`
}
type otlpSpan struct {
	TraceID           string     `json:"traceId"`
	SpanID            string     `json:"spanId"`
	ParentSpanID      string     `json:"parentSpanId,omitempty"`
	Name              string     `json:"name"`
	Kind              int        `json:"kind"`
	StartTimeUnixNano string     `json:"startTimeUnixNano"`
	EndTimeUnixNano   string     `json:"endTimeUnixNano"`
	Attributes        []otlpAttr `json:"attributes,omitempty"`
	Status            otlpStatus `json:"status"`
}

func attrs(m map[string]string) []otlpAttr {
	out := make([]otlpAttr, 0, len(m))
	for k, v := range m {
		out = append(out, otlpAttr{Key: k, Value: otlpValue{StringValue: v}})
	}
	return out
}

// Encode renders spans as one OTLP/JSON ExportTraceServiceRequest.
func (e *Exporter) Encode(spans []Span) ([]byte, error) {
	out := make([]otlpSpan, len(spans))
	for i, s := range spans {
		status := 0
		if s.Error {
			status = 2
		}
		out[i] = otlpSpan{
			TraceID: s.TraceID, SpanID: s.SpanID, ParentSpanID: s.ParentID, Name: s.Name, Kind: s.Kind,
			StartTimeUnixNano: strconv.FormatInt(s.Start.UnixNano(), 10),
			EndTimeUnixNano:   strconv.FormatInt(s.End.UnixNano(), 10),
			Attributes:        attrs(s.Attrs),
			Status:            otlpStatus{Code: status},
		}
	}
	req := map[string]any{
		"resourceSpans": []any{map[string]any{
			"resource":   map[string]any{"attributes": attrs(map[string]string{"service.name": e.service})},
			"scopeSpans": []any{map[string]any{"scope": map[string]any{"name": "perflab/full-stack-app"}, "spans": out}},
		}},
	}
	return json.Marshal(req)
}

func (e *Exporter) post(spans []Span) {
	body, err := e.Encode(spans)
	if err != nil {
		e.Failed.Add(int64(len(spans)))
		return
	}
	resp, err := e.client.Post(e.url, "application/json", bytes.NewReader(body))
	if err != nil {
		e.Failed.Add(int64(len(spans)))
		return
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		e.Failed.Add(int64(len(spans)))
		return
	}
	e.Exported.Add(int64(len(spans)))
}
