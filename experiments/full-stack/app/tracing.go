// A small tracer: W3C traceparent in, spans with per-layer attributes out. Spans are recorded
// only when an OTLP endpoint is configured and the request is sampled (head sampling by ratio,
// parent's decision followed), then handed to the exporter (otlp_export.go).
package main

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"regexp"
	"time"
)

// Span kinds of OTLP (opentelemetry.proto.trace.v1.Span.SpanKind).
const (
	SpanKindServer   = 2
	SpanKindClient   = 3
	SpanKindProducer = 4
)

// Span is one finished operation.
type Span struct {
	TraceID  string
	SpanID   string
	ParentID string
	Name     string
	Kind     int
	Start    time.Time
	End      time.Time
	Attrs    map[string]string
	Error    bool
}

// Tracer creates spans and passes finished ones to its sink.
type Tracer struct {
	ratio float64
	sink  func(Span)
}

// NewTracer traces `ratio` of root requests into `sink`; a nil sink traces nothing.
func NewTracer(ratio float64, sink func(Span)) *Tracer {
	return &Tracer{ratio: ratio, sink: sink}
}

var traceparentRe = regexp.MustCompile(`^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$`)

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// Trace is the tracing state of one request: nil when the request is not traced.
type Trace struct {
	tracer  *Tracer
	traceID string
	rootID  string
}

// Begin decides whether the request is traced: a sampled traceparent is followed, an unsampled
// one is not; without one, `ratio` of requests start a new trace.
func (t *Tracer) Begin(r *http.Request) (*Trace, string) {
	if t == nil || t.sink == nil {
		return nil, ""
	}
	parent := ""
	traceID := ""
	if m := traceparentRe.FindStringSubmatch(r.Header.Get("traceparent")); m != nil {
		if m[3] == "00" {
			return nil, ""
		}
		traceID, parent = m[1], m[2]
	} else {
		if t.ratio <= 0 || (t.ratio < 1 && randomFloat() >= t.ratio) {
			return nil, ""
		}
		traceID = randomHex(16)
	}
	return &Trace{tracer: t, traceID: traceID, rootID: randomHex(8)}, parent
}

// RootID is the span id of the request's server span ("" when untraced).
func (tr *Trace) RootID() string {
	if tr == nil {
		return ""
	}
	return tr.rootID
}

// Record hands a finished span to the sink; a span id is made when `id` is empty.
func (tr *Trace) Record(id, parent, name string, kind int, start, end time.Time, attrs map[string]string, failed bool) {
	if tr == nil {
		return
	}
	if id == "" {
		id = randomHex(8)
	}
	tr.tracer.sink(Span{TraceID: tr.traceID, SpanID: id, ParentID: parent, Name: name, Kind: kind, Start: start, End: end, Attrs: attrs, Error: failed})
}
