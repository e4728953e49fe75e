package main

// readyHeap orders idle connections by the time they may send next.
type readyHeap []*slot

func (h readyHeap) Len() int           { return len(h) }
func (h readyHeap) Less(i, j int) bool { return h[i].readyAt.Before(h[j].readyAt) }
func (h readyHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].heapAt, h[j].heapAt = i, j
}
func (h *readyHeap) Push(x any) {
	s := x.(*slot)
	s.heapAt = len(*h)
	*h = append(*h, s)
}
func (h *readyHeap) Pop() any {
	old := *h
	s := old[len(old)-1]
	s.heapAt = -1
	*h = old[:len(old)-1]
	return s
}
