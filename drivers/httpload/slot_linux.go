package main

import (
	"container/heap"
	"errors"
	"time"

	"golang.org/x/sys/unix"
)

// errClosed is a connection the server closed while a request was in flight.
var errClosed = errors.New("connection closed by the server")

// send writes endpoint's request on s (connecting first when needed); latency will run from `from`.
func (e *engine) send(s *slot, endpoint int, from, now time.Time) {
	s.endpoint, s.from, s.sentAt = endpoint, from, now
	if s.fd < 0 {
		if err := e.connect(s); err != nil {
			e.stats[s.k].fail(endpoint, err)
			e.requeue(s, now.Add(10*time.Millisecond)) // a refusing server is not hammered
			return
		}
	}
	s.busy = true
	e.inflight++
	s.pending = e.requests[endpoint]
	e.flush(s)
}

func (e *engine) connect(s *slot) error {
	fd, err := unix.Socket(e.family, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return err
	}
	// Blocking connect: on loopback it completes (or is refused) at once.
	if err := unix.Connect(fd, e.addr); err != nil {
		_ = unix.Close(fd)
		return err
	}
	_ = unix.SetsockoptInt(fd, unix.IPPROTO_TCP, unix.TCP_NODELAY, 1)
	if err := unix.SetNonblock(fd, true); err != nil {
		_ = unix.Close(fd)
		return err
	}
	if err := unix.EpollCtl(e.epfd, unix.EPOLL_CTL_ADD, fd, &unix.EpollEvent{Events: unix.EPOLLIN, Fd: int32(s.k)}); err != nil {
		_ = unix.Close(fd)
		return err
	}
	s.fd = fd
	s.buf = s.buf[:0]
	return nil
}

// flush writes what is pending; a short write waits for EPOLLOUT.
func (e *engine) flush(s *slot) {
	for len(s.pending) > 0 {
		n, err := rawWrite(s.fd, s.pending)
		if err == unix.EAGAIN {
			if !s.wantOut {
				s.wantOut = true
				_ = unix.EpollCtl(e.epfd, unix.EPOLL_CTL_MOD, s.fd, &unix.EpollEvent{Events: unix.EPOLLIN | unix.EPOLLOUT, Fd: int32(s.k)})
			}
			return
		}
		if err != nil {
			e.failBusy(s, err, time.Now())
			return
		}
		s.pending = s.pending[n:]
	}
	if s.wantOut {
		s.wantOut = false
		_ = unix.EpollCtl(e.epfd, unix.EPOLL_CTL_MOD, s.fd, &unix.EpollEvent{Events: unix.EPOLLIN, Fd: int32(s.k)})
	}
}

// receive reads what arrived and completes the response when it is whole.
func (e *engine) receive(s *slot) {
	for {
		if len(s.buf) == cap(s.buf) {
			grown := make([]byte, len(s.buf), 2*cap(s.buf))
			copy(grown, s.buf)
			s.buf = grown
		}
		n, err := rawRead(s.fd, s.buf[len(s.buf):cap(s.buf)])
		if err == unix.EAGAIN {
			return
		}
		now := time.Now()
		if err != nil || n == 0 { // reset, or closed by the server
			if err == nil {
				err = errClosed
			}
			if s.busy {
				e.failBusy(s, err, now)
			} else {
				e.closeSlot(s)
			}
			return
		}
		s.buf = s.buf[:len(s.buf)+n]
		if !s.busy {
			e.failBusy(s, errProtocol, now) // bytes nobody asked for
			return
		}
		r, err := parseResponse(s.buf)
		if err != nil {
			e.failBusy(s, err, now)
			return
		}
		if r.size == 0 {
			continue
		}
		e.stats[s.k].record(s.endpoint, now.Sub(s.from).Microseconds(), r.size, r.status, e.cfg.Endpoints[s.endpoint].ExpectStatus)
		s.busy = false
		e.inflight--
		rest := copy(s.buf, s.buf[r.size:])
		s.buf = s.buf[:rest]
		if r.closing {
			e.closeSlot(s)
		}
		e.requeue(s, now)
		return
	}
}

// expire fails every request older than the timeout.
func (e *engine) expire(now time.Time) {
	for _, s := range e.slots {
		if s.busy && now.Sub(s.sentAt) > e.timeout {
			e.failBusy(s, unix.ETIMEDOUT, now)
		}
	}
}

// failBusy counts the request in flight on s (if any) as failed, closes the connection, and
// requeues s when it was busy (an idle slot is queued already).
func (e *engine) failBusy(s *slot, err error, now time.Time) {
	e.closeSlot(s)
	if !s.busy {
		return
	}
	e.stats[s.k].fail(s.endpoint, err)
	s.busy = false
	e.inflight--
	e.requeue(s, now)
}

func (e *engine) closeSlot(s *slot) {
	if s.fd >= 0 {
		_ = unix.Close(s.fd)
		s.fd = -1
	}
	s.pending, s.buf, s.wantOut = nil, s.buf[:0], false
}

// requeue makes s ready again at `at` (paced connections keep their own schedule if later).
func (e *engine) requeue(s *slot, at time.Time) {
	if at.After(s.readyAt) {
		s.readyAt = at
	}
	if s.heapAt < 0 || s.heapAt >= len(e.ready) || e.ready[s.heapAt] != s {
		heap.Push(&e.ready, s)
	}
}
