package main

import (
	"fmt"
	"math/rand/v2"
)

// Rand is one terminal's or loader's random source with the TPC-C-style helpers
// (TPC-C standard specification 5.11, clauses 2.1.6 and 4.3.2).
type Rand struct {
	*rand.Rand
	cLast, cID, olIID int
}

// NURand constants C (clause 2.1.6): fixed per run so loader and terminals agree on the
// hot spots; the spec's C-Run/C-Load distance rule is not applied.
const (
	cLastConst = 157
	cIDConst   = 259
	olIIDConst = 7911
)

// NewRand seeds a source.
func NewRand(seed uint64) *Rand {
	return &Rand{Rand: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), cLast: cLastConst, cID: cIDConst, olIID: olIIDConst}
}

// Between is a uniform integer in [lo, hi].
func (r *Rand) Between(lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// NURand is the non-uniform random of clause 2.1.6.
func (r *Rand) NURand(a, x, y, c int) int {
	return (((r.Between(0, a) | r.Between(x, y)) + c) % (y - x + 1)) + x
}

// CustomerID is NURand(1023, 1, 3000).
func (r *Rand) CustomerID() int { return r.NURand(1023, 1, 3000, r.cID) }

// ItemID is NURand(8191, 1, 100000).
func (r *Rand) ItemID() int { return r.NURand(8191, 1, 100000, r.olIID) }

// LastNameRun is a customer last name drawn for a transaction: NURand(255, 0, 999).
func (r *Rand) LastNameRun() string { return LastName(r.NURand(255, 0, 999, r.cLast)) }

// CustomerPick is how a payment or order-status transaction names its customer: by last name
// (ByName, Last) or by id (ID).
type CustomerPick struct {
	ByName bool
	Last   string
	ID     int
}

// PickCustomer draws the customer of a payment or order-status transaction: by last name 60% of
// the time, else by NURand id (clauses 2.5.1.2 and 2.6.1.2).
func (r *Rand) PickCustomer() CustomerPick {
	if r.IntN(100) < 60 {
		return CustomerPick{ByName: true, Last: r.LastNameRun()}
	}
	return CustomerPick{ID: r.CustomerID()}
}

var syllables = [...]string{"BAR", "OUGHT", "ABLE", "PRI", "PRES", "ESE", "ANTI", "CALLY", "ATION", "EING"}

// LastName builds C_LAST from a number 0..999 (clause 4.3.2.3).
func LastName(n int) string {
	return syllables[n/100] + syllables[(n/10)%10] + syllables[n%10]
}

const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// AString is a random alphanumeric string of length lo..hi.
func (r *Rand) AString(lo, hi int) string {
	b := make([]byte, r.Between(lo, hi))
	for i := range b {
		b[i] = alnum[r.IntN(len(alnum))]
	}
	return string(b)
}

// NString is a random numeric string of length lo..hi.
func (r *Rand) NString(lo, hi int) string {
	b := make([]byte, r.Between(lo, hi))
	for i := range b {
		b[i] = byte('0' + r.IntN(10))
	}
	return string(b)
}

// Data is I_DATA / S_DATA: 26..50 characters, 10% containing "ORIGINAL" (clause 4.3.3.1).
func (r *Rand) Data() string {
	s := r.AString(26, 50)
	if r.IntN(10) == 0 {
		p := r.IntN(len(s) - 8)
		s = s[:p] + "ORIGINAL" + s[p+8:]
	}
	return s
}

// Zip is a ZIP code: 4 digits then "11111".
func (r *Rand) Zip() string { return r.NString(4, 4) + "11111" }

// Money is a uniform amount in [lo, hi] cents, formatted with two decimals.
func (r *Rand) Money(loCents, hiCents int) string { return Cents(r.Between(loCents, hiCents)) }

// Cents formats cents as a decimal with two digits.
func Cents(c int) string { return fmt.Sprintf("%d.%02d", c/100, c%100) }

// Permutation is 1..n in random order.
func (r *Rand) Permutation(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i + 1
	}
	r.Shuffle(n, func(i, j int) { p[i], p[j] = p[j], p[i] })
	return p
}
