// The database layer: a pgx pool to PostgreSQL, the schema (a catalogue of items and an
// orders table), the seed, and the two statements of a checkout — read an item by SKU and
// insert an order. items.sku has no index unless the indexed-queries preset asks for one, so
// the read is a sequential scan over DB_ROWS rows by default.
package main

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Item is one catalogue row.
type Item struct {
	ID         int64  `json:"id"`
	SKU        string `json:"sku"`
	Name       string `json:"name"`
	PriceCents int64  `json:"priceCents"`
}

// Store is the app's PostgreSQL access.
type Store struct {
	pool *pgxpool.Pool
}

// advisoryLock serializes schema set-up across replicas.
const advisoryLock = 424242

// OpenStore connects, creates the schema, seeds `rows` items and sets the sku index as asked.
func OpenStore(ctx context.Context, url string, poolSize, rows int, indexed bool) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("DATABASE_URL: %w", err)
	}
	cfg.MaxConns = int32(poolSize)
	cfg.MinConns = int32(min(poolSize, 4))
	var pool *pgxpool.Pool
	deadline := time.Now().Add(60 * time.Second)
	for {
		pool, err = pgxpool.NewWithConfig(ctx, cfg)
		if err == nil {
			err = pool.Ping(ctx)
		}
		if err == nil {
			break
		}
		if pool != nil {
			pool.Close()
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("database not reachable within 60 s: %w", err)
		}
		time.Sleep(500 * time.Millisecond)
	}
	s := &Store{pool: pool}
	if err := s.setup(ctx, rows, indexed); err != nil {
		pool.Close()
		return nil, err
	}
	return s, nil
}

func (s *Store) setup(ctx context.Context, rows int, indexed bool) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", advisoryLock); err != nil {
		return err
	}
	defer conn.Exec(context.Background(), "SELECT pg_advisory_unlock($1)", advisoryLock) //nolint:errcheck
	stmts := []string{
		`CREATE TABLE IF NOT EXISTS items (id bigint PRIMARY KEY, sku text NOT NULL, name text NOT NULL, price_cents bigint NOT NULL)`,
		`CREATE TABLE IF NOT EXISTS orders (id bigserial PRIMARY KEY, item_id bigint NOT NULL, qty int NOT NULL, customer text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
	}
	for _, q := range stmts {
		if _, err := conn.Exec(ctx, q); err != nil {
			return fmt.Errorf("schema: %w", err)
		}
	}
	var have int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM items").Scan(&have); err != nil {
		return err
	}
	if have < rows {
		q := `INSERT INTO items (id, sku, name, price_cents)
		      SELECT g, 'sku-' || g, 'item ' || g, 100 + (g * 37) % 9900 FROM generate_series($1::bigint, $2::bigint) g`
		if _, err := conn.Exec(ctx, q, have+1, rows); err != nil {
			return fmt.Errorf("seed: %w", err)
		}
	}
	index := "DROP INDEX IF EXISTS items_sku_idx"
	if indexed {
		index = "CREATE INDEX IF NOT EXISTS items_sku_idx ON items (sku)"
	}
	if _, err := conn.Exec(ctx, index); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	_, err = conn.Exec(ctx, "ANALYZE items")
	return err
}

// ItemBySKU reads one item by SKU (the query the indexed-queries preset speeds up).
func (s *Store) ItemBySKU(ctx context.Context, sku string) (Item, error) {
	var it Item
	err := s.pool.QueryRow(ctx, "SELECT id, sku, name, price_cents FROM items WHERE sku = $1", sku).Scan(&it.ID, &it.SKU, &it.Name, &it.PriceCents)
	return it, err
}

// InsertOrder writes one order and returns its id.
func (s *Store) InsertOrder(ctx context.Context, itemID int64, qty int, customer string) (int64, error) {
	var id int64
	err := s.pool.QueryRow(ctx, "INSERT INTO orders (item_id, qty, customer) VALUES ($1, $2, $3) RETURNING id", itemID, qty, customer).Scan(&id)
	return id, err
}

// Close closes the pool.
func (s *Store) Close() {
	s.pool.Close()
}
