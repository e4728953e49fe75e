package main

import (
	"bytes"
	"fmt"
)

// buildRequest serialises one endpoint's request once; it is written as-is on every send.
func buildRequest(e Endpoint, host string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: perflab-httpload\r\n", e.Method, e.Path, host)
	if e.Body != "" {
		ct := e.ContentType
		if ct == "" {
			ct = "application/json"
		}
		fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Length: %d\r\n", ct, len(e.Body))
	}
	b.WriteString("\r\n")
	b.WriteString(e.Body)
	return b.Bytes()
}
