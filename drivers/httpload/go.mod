module perflab/httpload

go 1.23.0

require github.com/HdrHistogram/hdrhistogram-go v1.4.0

require (
	golang.org/x/sys v0.35.0
	perflab/driverstats v0.0.0
)

replace perflab/driverstats => ../driverstats
