package main

// Counters, latency histograms and the per-message bitsets that prove what was acknowledged
// and what arrived: every message carries (producer, sequence), so a lost or duplicated
// message is counted exactly, not estimated.

import (
	"encoding/binary"
	"math/bits"
	"sync"
	"sync/atomic"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"
)

// bitset is a growable set of sequence numbers with atomic test-and-set.
type bitset struct {
	mu     sync.RWMutex
	chunks [][]uint64
}

const chunkWords = 4096 // 262144 sequence numbers per chunk

func (b *bitset) chunk(i int) []uint64 {
	b.mu.RLock()
	if i < len(b.chunks) && b.chunks[i] != nil {
		c := b.chunks[i]
		b.mu.RUnlock()
		return c
	}
	b.mu.RUnlock()
	b.mu.Lock()
	defer b.mu.Unlock()
	for len(b.chunks) <= i {
		b.chunks = append(b.chunks, nil)
	}
	if b.chunks[i] == nil {
		b.chunks[i] = make([]uint64, chunkWords)
	}
	return b.chunks[i]
}

// set marks seq; reports whether it was already marked.
func (b *bitset) set(seq uint64) bool {
	word := seq / 64
	c := b.chunk(int(word / chunkWords))
	p := &c[word%chunkWords]
	mask := uint64(1) << (seq % 64)
	for {
		old := atomic.LoadUint64(p)
		if old&mask != 0 {
			return true
		}
		if atomic.CompareAndSwapUint64(p, old, old|mask) {
			return false
		}
	}
}

// missingFrom counts the members of b that are not in other.
func (b *bitset) missingFrom(other *bitset) int64 {
	b.mu.RLock()
	defer b.mu.RUnlock()
	other.mu.RLock()
	defer other.mu.RUnlock()
	var n int64
	for i, c := range b.chunks {
		var oc []uint64
		if i < len(other.chunks) {
			oc = other.chunks[i]
		}
		for j, w := range c {
			if oc != nil {
				w &^= atomic.LoadUint64(&oc[j])
			}
			n += int64(bits.OnesCount64(w))
		}
	}
	return n
}

// recorder is a latency histogram in microseconds guarded by a mutex.
type recorder struct {
	mu sync.Mutex
	h  *hdrhistogram.Histogram
}

func newRecorder() *recorder {
	return &recorder{h: hdrhistogram.New(1, 3_600_000_000, 3)}
}

func (r *recorder) record(ns int64) {
	us := ns / 1000
	if us < 1 {
		us = 1
	}
	r.mu.Lock()
	_ = r.h.RecordValue(us)
	r.mu.Unlock()
}

// Stats is everything the run counts.
type Stats struct {
	Sent        atomic.Int64
	Acked       atomic.Int64
	PubErrors   sync.Map // kind → *atomic.Int64
	Delivered   atomic.Int64
	Duplicates  atomic.Int64
	Undecodable atomic.Int64
	// Pacing is how late the pacer sent on-schedule messages (send time − intended time).
	Pacing *recorder
	// HeldBack counts scheduled messages sent while the broker held the producer back; they
	// carry their intended send time and are not in Pacing.
	HeldBack atomic.Int64

	producers  int
	acked      []*bitset   // [producer]
	received   [][]*bitset // [subscription][producer]
	pubMu      sync.Mutex
	pubRecs    []*recorder
	e2eMu      sync.Mutex
	e2eRecs    []*recorder
	startNanos int64
}

// NewStats sizes the bitsets for the workload.
func NewStats(w *Workload) *Stats {
	s := &Stats{producers: w.Producers, Pacing: newRecorder()}
	for p := 0; p < w.Producers; p++ {
		s.acked = append(s.acked, &bitset{})
	}
	for g := 0; g < w.Subscriptions; g++ {
		row := make([]*bitset, w.Producers)
		for p := range row {
			row[p] = &bitset{}
		}
		s.received = append(s.received, row)
	}
	return s
}

// PublishRecorder is a new histogram for one producer's acknowledgements.
func (s *Stats) PublishRecorder() *recorder {
	r := newRecorder()
	s.pubMu.Lock()
	s.pubRecs = append(s.pubRecs, r)
	s.pubMu.Unlock()
	return r
}

// DeliveryRecorder is a new histogram for one consumer's deliveries.
func (s *Stats) DeliveryRecorder() *recorder {
	r := newRecorder()
	s.e2eMu.Lock()
	s.e2eRecs = append(s.e2eRecs, r)
	s.e2eMu.Unlock()
	return r
}

// PublishFailed counts one failed publish by kind.
func (s *Stats) PublishFailed(kind string) {
	v, _ := s.PubErrors.LoadOrStore(kind, new(atomic.Int64))
	v.(*atomic.Int64).Add(1)
}

// PublishAcked records an acknowledged publish.
func (s *Stats) PublishAcked(rec *recorder, producer int, seq uint64, intendedNanos int64) {
	s.Acked.Add(1)
	s.acked[producer].set(seq)
	rec.record(time.Now().UnixNano() - intendedNanos)
}

// Sink is what consumers hand every delivered payload to.
type Sink func(subscription int, rec *recorder, payload []byte)

// Deliver records one delivered payload for a subscription.
func (s *Stats) Deliver(sub int, rec *recorder, payload []byte) {
	now := time.Now().UnixNano()
	s.Delivered.Add(1)
	if len(payload) < HeaderSize {
		s.Undecodable.Add(1)
		return
	}
	intended := int64(binary.BigEndian.Uint64(payload[0:8]))
	producer := int(binary.BigEndian.Uint32(payload[8:12]))
	seq := binary.BigEndian.Uint64(payload[12:20])
	if producer < 0 || producer >= s.producers || sub < 0 || sub >= len(s.received) {
		s.Undecodable.Add(1)
		return
	}
	if s.received[sub][producer].set(seq) {
		s.Duplicates.Add(1)
		return
	}
	rec.record(now - intended)
}

// Lost counts acknowledged messages that some subscription never received: the sum over
// subscriptions, and the distinct messages missing from at least one.
func (s *Stats) Lost() (deliveries int64, messages int64) {
	for p := 0; p < s.producers; p++ {
		missingAny := &bitset{}
		for g := range s.received {
			n := s.acked[p].missingFrom(s.received[g][p])
			deliveries += n
			if n > 0 {
				s.markMissing(missingAny, p, g)
			}
		}
		messages += countAll(missingAny)
	}
	return deliveries, messages
}

// markMissing adds to dst every sequence acked by producer p but missing from subscription g.
func (s *Stats) markMissing(dst *bitset, p, g int) {
	a := s.acked[p]
	r := s.received[g][p]
	a.mu.RLock()
	defer a.mu.RUnlock()
	for i, c := range a.chunks {
		for j, w := range c {
			var got uint64
			r.mu.RLock()
			if i < len(r.chunks) && r.chunks[i] != nil {
				got = atomic.LoadUint64(&r.chunks[i][j])
			}
			r.mu.RUnlock()
			miss := w &^ got
			for miss != 0 {
				bit := uint64(bits.TrailingZeros64(miss))
				dst.set((uint64(i)*chunkWords+uint64(j))*64 + bit)
				miss &^= 1 << bit
			}
		}
	}
}

func countAll(b *bitset) int64 {
	return b.missingFrom(&bitset{})
}

// DeliveredNotAcked counts distinct messages a subscription received whose publish was never
// acknowledged (the broker took them but the ack was lost or timed out), summed over subscriptions.
func (s *Stats) DeliveredNotAcked() int64 {
	var n int64
	for g := range s.received {
		for p := 0; p < s.producers; p++ {
			n += s.received[g][p].missingFrom(s.acked[p])
		}
	}
	return n
}

// UniqueDelivered counts distinct messages each subscription received.
func (s *Stats) UniqueDelivered() []int64 {
	out := make([]int64, len(s.received))
	for g := range s.received {
		for p := 0; p < s.producers; p++ {
			out[g] += countAll(s.received[g][p])
		}
	}
	return out
}

// AllDelivered reports whether every subscription has every acknowledged message.
func (s *Stats) AllDelivered() bool {
	acked := s.Acked.Load()
	for _, n := range s.UniqueDelivered() {
		if n < acked {
			return false
		}
	}
	return true
}

func merged(recs []*recorder) *hdrhistogram.Histogram {
	out := hdrhistogram.New(1, 3_600_000_000, 3)
	for _, r := range recs {
		r.mu.Lock()
		out.Merge(r.h)
		r.mu.Unlock()
	}
	return out
}

// PublishHistogram merges every producer's histogram.
func (s *Stats) PublishHistogram() *hdrhistogram.Histogram {
	s.pubMu.Lock()
	defer s.pubMu.Unlock()
	return merged(s.pubRecs)
}

// DeliveryHistogram merges every consumer's histogram.
func (s *Stats) DeliveryHistogram() *hdrhistogram.Histogram {
	s.e2eMu.Lock()
	defer s.e2eMu.Unlock()
	return merged(s.e2eRecs)
}

// ErrorCounts is the failed publishes by kind.
func (s *Stats) ErrorCounts() map[string]int64 {
	out := map[string]int64{}
	s.PubErrors.Range(func(k, v any) bool {
		out[k.(string)] = v.(*atomic.Int64).Load()
		return true
	})
	return out
}
