module perflab/runtime-go

go 1.22
