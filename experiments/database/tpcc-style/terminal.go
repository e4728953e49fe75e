package main

import (
	"context"
	"database/sql"
	"time"
)

// Terminal is one closed-model client: a home warehouse, its own random source and a fixed
// district for stock-level (clause 2.8.1.1), running one transaction at a time.
type Terminal struct {
	db            *DB
	r             *Rand
	home          int
	warehouses    int
	stockDistrict int
	stmts         map[string]string
}

// NewTerminal makes terminal number i (0-based) of a run over `warehouses` warehouses.
func NewTerminal(db *DB, i, warehouses int, seed uint64) *Terminal {
	r := NewRand(seed + uint64(i)*104729)
	return &Terminal{db: db, r: r, home: i%warehouses + 1, warehouses: warehouses, stockDistrict: (i/warehouses)%10 + 1, stmts: map[string]string{}}
}

// q is the statement in the engine's placeholder form (cached per terminal).
func (t *Terminal) q(s string) string {
	if v, ok := t.stmts[s]; ok {
		return v
	}
	v := Q(t.db.engine, s)
	t.stmts[s] = v
	return v
}

func (t *Terminal) now() time.Time { return time.Now().UTC() }

// inTx runs fn in one transaction at the server's default isolation (READ COMMITTED on
// PostgreSQL, REPEATABLE READ on InnoDB) with explicit row locks where rows are read before
// being written; it commits when fn returns nil and rolls back otherwise.
func (t *Terminal) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := t.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}
