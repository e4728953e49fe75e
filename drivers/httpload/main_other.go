//go:build !linux

package main

import (
	"fmt"
	"os"
)

// The driver's event loop is epoll; elsewhere perflab's autocannon driver is the choice.
func main() {
	fmt.Fprintln(os.Stderr, "httpload: needs Linux (epoll); run perflab with --load-generator autocannon on this system")
	os.Exit(2)
}
