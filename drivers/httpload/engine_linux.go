package main

import (
	"container/heap"
	"net"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"
)

// engine drives the plan from one goroutine over non-blocking keep-alive connections and one
// epoll set (like wrk's event loop), so a request costs a write, a read and a share of one
// epoll_wait. Slot k is connection k in every segment that has more than k connections.
type engine struct {
	cfg      *Config
	requests [][]byte // per endpoint, serialised once
	timeout  time.Duration
	addr     unix.Sockaddr
	family   int
	epfd     int
	timerfd  int
	armedFor time.Time
	slots    []*slot
	stats    []*workerStats
	statsMu  sync.Mutex // guards growth of stats against the progress reader
	stopped  atomic.Bool
	segment  atomic.Int64 // 1-based index of the running segment
	events   []unix.EpollEvent
	inflight int
	ready    readyHeap
}

// slot is one connection and its request in flight.
type slot struct {
	k        int
	fd       int
	busy     bool
	endpoint int
	from     time.Time // latency origin: the send (closed) or the intended arrival (open)
	sentAt   time.Time
	pending  []byte // request bytes not yet written
	buf      []byte // response bytes not yet consumed
	pos      int    // place in the mix cycle (closed model)
	readyAt  time.Time
	heapAt   int
	wantOut  bool // EPOLLOUT registered for a short write
}

const timerSlot = -1

func newEngine(cfg *Config) (*engine, error) {
	tcp, err := net.ResolveTCPAddr("tcp", cfg.Address)
	if err != nil {
		return nil, err
	}
	e := &engine{cfg: cfg, timeout: time.Duration(cfg.TimeoutSeconds * float64(time.Second)), events: make([]unix.EpollEvent, 256)}
	if ip4 := tcp.IP.To4(); ip4 != nil {
		sa := &unix.SockaddrInet4{Port: tcp.Port}
		copy(sa.Addr[:], ip4)
		e.addr, e.family = sa, unix.AF_INET
	} else {
		sa := &unix.SockaddrInet6{Port: tcp.Port}
		copy(sa.Addr[:], tcp.IP.To16())
		e.addr, e.family = sa, unix.AF_INET6
	}
	for _, ep := range cfg.Endpoints {
		e.requests = append(e.requests, buildRequest(ep, cfg.Address))
	}
	if e.epfd, err = unix.EpollCreate1(unix.EPOLL_CLOEXEC); err != nil {
		return nil, err
	}
	if e.timerfd, err = unix.TimerfdCreate(unix.CLOCK_MONOTONIC, unix.TFD_NONBLOCK|unix.TFD_CLOEXEC); err != nil {
		return nil, err
	}
	if err := unix.EpollCtl(e.epfd, unix.EPOLL_CTL_ADD, e.timerfd, &unix.EpollEvent{Events: unix.EPOLLIN, Fd: timerSlot}); err != nil {
		return nil, err
	}
	return e, nil
}

// abort ends the run: no new request is sent and the loop returns within ~100 ms.
func (e *engine) abort() { e.stopped.Store(true) }

func (e *engine) run() {
	for i, s := range e.cfg.Segments {
		if e.stopped.Load() {
			break
		}
		e.segment.Store(int64(i + 1))
		e.runSegment(s)
	}
	for _, s := range e.slots {
		e.closeSlot(s)
	}
}

func (e *engine) runSegment(seg Segment) {
	start := time.Now()
	end := start.Add(time.Duration(seg.DurationSeconds * float64(time.Second)))
	for len(e.slots) < seg.Connections {
		e.slots = append(e.slots, &slot{k: len(e.slots), fd: -1, buf: make([]byte, 0, 16<<10)})
		e.statsMu.Lock()
		e.stats = append(e.stats, newWorkerStats(len(e.cfg.Endpoints)))
		e.statsMu.Unlock()
	}
	var interval time.Duration // closed model paced per connection
	if seg.OverallRate == 0 && seg.ConnectionRate > 0 {
		interval = time.Duration(float64(time.Second) / seg.ConnectionRate)
	}
	cycle := e.cfg.Cycle
	e.ready = e.ready[:0]
	for k := 0; k < seg.Connections; k++ {
		s := e.slots[k]
		s.pos = k * len(cycle) / seg.Connections
		s.readyAt = start.Add(time.Duration(int64(interval) * int64(k) / int64(seg.Connections)))
		heap.Push(&e.ready, s)
	}
	var arrival int64 // open model: next arrival, due at start + arrival/rate
	intended := func(i int64) time.Time {
		return start.Add(time.Duration(float64(i) * float64(time.Second) / seg.OverallRate))
	}
	lastScan, lastYield := start, start
	for !e.stopped.Load() {
		now := time.Now()
		open := now.Before(end)
		if !open && e.inflight == 0 {
			return
		}
		// Dispatch every connection that is due.
		var deadline time.Time
		if open {
			deadline = end
		}
		for open && len(e.ready) > 0 {
			s := e.ready[0]
			if s.readyAt.After(now) {
				deadline = earlier(deadline, s.readyAt)
				break
			}
			if seg.OverallRate > 0 {
				due := intended(arrival)
				if !due.Before(end) {
					break
				}
				if due.After(now) {
					deadline = earlier(deadline, due)
					break
				}
				heap.Pop(&e.ready)
				e.send(s, cycle[int(arrival%int64(len(cycle)))], due, now)
				arrival++
				continue
			}
			heap.Pop(&e.ready)
			e.send(s, cycle[s.pos], now, now)
			if s.pos++; s.pos == len(cycle) {
				s.pos = 0
			}
			if interval > 0 { // the next paced send; no burst to catch up after a slow answer
				if s.readyAt = s.readyAt.Add(interval); s.readyAt.Before(now) {
					s.readyAt = now
				}
			}
		}
		if e.inflight > 0 && now.Sub(lastScan) >= 100*time.Millisecond {
			lastScan = now
			e.expire(now)
		}
		e.wait(deadline, now)
		if now.Sub(lastYield) >= 2*time.Millisecond { // lets the progress and signal goroutines run
			lastYield = now
			runtime.Gosched()
		}
	}
}

func earlier(a, b time.Time) time.Time {
	if a.IsZero() || b.Before(a) {
		return b
	}
	return a
}

// wait blocks in epoll_wait until an event, the deadline (through the timerfd, to the µs) or
// 100 ms (timeouts and aborts are checked that often), and handles what arrived.
func (e *engine) wait(deadline, now time.Time) {
	if !deadline.IsZero() && !deadline.Equal(e.armedFor) {
		d := deadline.Sub(now)
		if d < time.Microsecond {
			d = time.Microsecond
		}
		spec := unix.ItimerSpec{Value: unix.NsecToTimespec(int64(d))}
		_ = unix.TimerfdSettime(e.timerfd, 0, &spec, nil)
		e.armedFor = deadline
	}
	n, err := rawEpollWait(e.epfd, e.events, 100)
	if err != nil {
		return // EINTR
	}
	for _, ev := range e.events[:n] {
		if ev.Fd == timerSlot {
			var b [8]byte
			_, _ = unix.Read(e.timerfd, b[:])
			e.armedFor = time.Time{}
			continue
		}
		s := e.slots[ev.Fd]
		if s.fd < 0 {
			continue
		}
		if ev.Events&unix.EPOLLOUT != 0 && len(s.pending) > 0 {
			e.flush(s)
		}
		if ev.Events&(unix.EPOLLIN|unix.EPOLLHUP|unix.EPOLLERR) != 0 {
			e.receive(s)
		}
	}
}
