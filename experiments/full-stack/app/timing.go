// Per-request layer timing: every backing-service call of a request is timed once, and the
// timing both goes into the response's Server-Timing header and becomes a child span (with a
// perflab.layer attribute) of the request's server span when the request is traced.
package main

import (
	"fmt"
	"strings"
	"time"
)

// Layer names as they appear in span attributes (perflab.layer) and in perflab's breakdown.
const (
	LayerCache     = "cache"
	LayerDatabase  = "database"
	LayerMessaging = "messaging"
	LayerApp       = "app"
)

// timedCall is one measured call.
type timedCall struct {
	metric string
	dur    time.Duration
}

// RequestTimer collects the timed calls of one request.
type RequestTimer struct {
	start time.Time
	trace *Trace
	calls []timedCall
}

// NewRequestTimer starts timing a request (trace may be nil).
func NewRequestTimer(trace *Trace) *RequestTimer {
	return &RequestTimer{start: time.Now(), trace: trace}
}

// Time runs `fn` as one call of `layer`, named `span` in traces and `metric` in Server-Timing.
func (t *RequestTimer) Time(layer, span, metric string, attrs map[string]string, fn func() error) error {
	begin := time.Now()
	err := fn()
	end := time.Now()
	t.calls = append(t.calls, timedCall{metric: metric, dur: end.Sub(begin)})
	if t.trace != nil {
		a := map[string]string{"perflab.layer": layer}
		for k, v := range attrs {
			a[k] = v
		}
		kind := SpanKindClient
		if layer == LayerMessaging {
			kind = SpanKindProducer
		}
		t.trace.Record("", t.trace.RootID(), span, kind, begin, end, a, err != nil)
	}
	return err
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%.3f", float64(d.Microseconds())/1000)
}

// ServerTiming is the Server-Timing header value: each call, the app's own time (total minus
// calls) and the total, in milliseconds.
func (t *RequestTimer) ServerTiming() string {
	total := time.Since(t.start)
	parts := make([]string, 0, len(t.calls)+2)
	var calls time.Duration
	for _, c := range t.calls {
		calls += c.dur
		parts = append(parts, c.metric+";dur="+ms(c.dur))
	}
	self := total - calls
	if self < 0 {
		self = 0
	}
	parts = append(parts, LayerApp+";dur="+ms(self), "total;dur="+ms(total))
	return strings.Join(parts, ", ")
}

// Finish records the request's server span (when traced).
func (t *RequestTimer) Finish(parent, route string, status int) {
	if t.trace == nil {
		return
	}
	t.trace.Record(t.trace.RootID(), parent, "POST "+route, SpanKindServer, t.start, time.Now(),
		map[string]string{"perflab.layer": LayerApp, "http.route": route, "http.response.status_code": fmt.Sprint(status)}, status >= 500)
}
