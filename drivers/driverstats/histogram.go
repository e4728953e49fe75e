// Package driverstats holds what every load driver of ours (httpload, mqbench, tpccstyle)
// reports the same way: latency histograms in HdrHistogram's compressed V2 form and the driver
// process's own CPU time. The drivers' Go modules use it through a `replace` directive to this
// folder, and their Docker builds copy it in as a named build context.
package driverstats

import "github.com/HdrHistogram/hdrhistogram-go"

// EncodeHistogram is h in HdrHistogram's compressed V2 encoding, base64 (what Encode returns),
// as hdr-histogram-js reads it; "" for an empty histogram or one that cannot be encoded.
func EncodeHistogram(h *hdrhistogram.Histogram) string {
	if h.TotalCount() == 0 {
		return ""
	}
	b, err := h.Encode(hdrhistogram.V2CompressedEncodingCookieBase)
	if err != nil {
		return ""
	}
	return string(b)
}
