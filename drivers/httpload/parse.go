package main

import (
	"bytes"
	"errors"
)

// errProtocol marks a response that is not HTTP/1.1 this driver can frame.
var errProtocol = errors.New("malformed or unframed HTTP response")

// maxHeaderBytes bounds the status line plus headers of one response.
const maxHeaderBytes = 64 << 10

// response is one framed HTTP/1.1 response at the start of a buffer.
type response struct {
	status  int
	size    int  // bytes of the whole response, headers and body
	closing bool // "Connection: close"
}

// parseResponse frames the response at the start of b. size 0 (and no error) means b does not
// hold the whole response yet. Bodies must be framed by Content-Length or chunked encoding.
func parseResponse(b []byte) (response, error) {
	end := bytes.Index(b, []byte("\r\n\r\n"))
	if end < 0 {
		if len(b) > maxHeaderBytes {
			return response{}, errProtocol
		}
		return response{}, nil
	}
	head := b[:end+2]
	if len(head) < 14 || !bytes.HasPrefix(head, []byte("HTTP/1.")) || head[12] != ' ' && head[12] != '\r' {
		return response{}, errProtocol
	}
	r := response{}
	for _, c := range head[9:12] {
		if c < '0' || c > '9' {
			return response{}, errProtocol
		}
		r.status = r.status*10 + int(c-'0')
	}
	contentLength, chunked := -1, false
	line := head[bytes.IndexByte(head, '\n')+1:]
	for len(line) > 0 {
		eol := bytes.IndexByte(line, '\n')
		h := line[:eol]
		line = line[eol+1:]
		colon := bytes.IndexByte(h, ':')
		if colon < 0 {
			return response{}, errProtocol
		}
		name, value := h[:colon], bytes.TrimSpace(h[colon+1:])
		switch {
		case asciiEqualFold(name, "content-length"):
			v, ok := parseDecimal(value)
			if !ok {
				return response{}, errProtocol
			}
			contentLength = v
		case asciiEqualFold(name, "transfer-encoding"):
			chunked = asciiEqualFold(value, "chunked")
		case asciiEqualFold(name, "connection"):
			r.closing = asciiEqualFold(value, "close")
		}
	}
	bodyAt := end + 4
	switch {
	case r.status < 200 || r.status == 204 || r.status == 304:
		r.size = bodyAt
	case chunked:
		n, err := chunkedSize(b[bodyAt:])
		if err != nil || n == 0 {
			return response{}, err
		}
		r.size = bodyAt + n
	case contentLength >= 0:
		if len(b) < bodyAt+contentLength {
			return response{}, nil
		}
		r.size = bodyAt + contentLength
	default:
		return response{}, errProtocol
	}
	return r, nil
}

// chunkedSize is the length of a whole chunked body (with trailers) at the start of b, or 0.
func chunkedSize(b []byte) (int, error) {
	at := 0
	for {
		eol := bytes.IndexByte(b[at:], '\n')
		if eol < 0 {
			return 0, nil
		}
		field := bytes.TrimSpace(b[at : at+eol])
		if i := bytes.IndexByte(field, ';'); i >= 0 {
			field = field[:i]
		}
		size, ok := parseHex(field)
		if !ok {
			return 0, errProtocol
		}
		at += eol + 1
		if size == 0 {
			for { // trailers up to the empty line
				eol := bytes.IndexByte(b[at:], '\n')
				if eol < 0 {
					return 0, nil
				}
				empty := eol <= 1
				at += eol + 1
				if empty {
					return at, nil
				}
			}
		}
		if len(b) < at+size+2 {
			return 0, nil
		}
		at += size + 2
	}
}

func parseDecimal(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 12 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func parseHex(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 8 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		switch {
		case '0' <= c && c <= '9':
			n = n*16 + int(c-'0')
		case 'a' <= c && c <= 'f':
			n = n*16 + int(c-'a'+10)
		case 'A' <= c && c <= 'F':
			n = n*16 + int(c-'A'+10)
		default:
			return 0, false
		}
	}
	return n, true
}

func asciiEqualFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != s[i] {
			return false
		}
	}
	return true
}
