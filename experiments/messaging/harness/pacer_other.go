//go:build !linux

package main

func newPreciseSleeper() preciseSleeper { return spinSleeper{} }
