package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"
)

// batch collects rows of one table and inserts them with multi-row INSERTs.
type batch struct {
	ctx   context.Context
	db    *DB
	table string
	cols  int
	head  string
	rows  []any
	n     int
}

const batchRows = 400

func newBatch(ctx context.Context, db *DB, table string, cols ...string) *batch {
	return &batch{ctx: ctx, db: db, table: table, cols: len(cols), head: fmt.Sprintf("INSERT INTO %s (%s) VALUES ", table, strings.Join(cols, ","))}
}

func (b *batch) add(vals ...any) error {
	if len(vals) != b.cols {
		return fmt.Errorf("%s: %d values for %d columns", b.table, len(vals), b.cols)
	}
	b.rows = append(b.rows, vals...)
	b.n++
	if b.n >= batchRows {
		return b.flush()
	}
	return nil
}

func (b *batch) flush() error {
	if b.n == 0 {
		return nil
	}
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", b.cols), ",") + ")"
	stmt := b.head + strings.TrimSuffix(strings.Repeat(row+",", b.n), ",")
	if _, err := b.db.ExecContext(b.ctx, Q(b.db.engine, stmt), b.rows...); err != nil {
		return fmt.Errorf("load %s: %w", b.table, err)
	}
	b.rows, b.n = b.rows[:0], 0
	return nil
}

// Load creates the schema and fills it for `warehouses` warehouses as clause 4.3.3.1 of the
// TPC-C standard specification 5.11 describes: 100,000 items; per warehouse 100,000 stock rows,
// 10 districts, and per district 3,000 customers (one history row each), 3,000 orders of
// 5..15 lines, the last 900 of them undelivered (new_order rows). Warehouses load in parallel
// on up to `loaders` connections.
func Load(ctx context.Context, db *DB, warehouses, loaders int, seed uint64) error {
	if err := DropSchema(ctx, db); err != nil {
		return err
	}
	if err := CreateSchema(ctx, db); err != nil {
		return err
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(loaders)
	g.Go(func() error { return loadItems(gctx, db, NewRand(seed)) })
	for w := 1; w <= warehouses; w++ {
		g.Go(func() error { return loadWarehouse(gctx, db, w, NewRand(seed+uint64(w)*7919)) })
	}
	return g.Wait()
}

func loadItems(ctx context.Context, db *DB, r *Rand) error {
	b := newBatch(ctx, db, "item", "i_id", "i_im_id", "i_name", "i_price", "i_data")
	for i := 1; i <= 100000; i++ {
		if err := b.add(i, r.Between(1, 10000), r.AString(14, 24), r.Money(100, 10000), r.Data()); err != nil {
			return err
		}
	}
	return b.flush()
}

func loadWarehouse(ctx context.Context, db *DB, w int, r *Rand) error {
	if _, err := db.ExecContext(ctx, Q(db.engine, "INSERT INTO warehouse VALUES (?,?,?,?,?,?,?,?,?)"),
		w, r.AString(6, 10), r.AString(10, 20), r.AString(10, 20), r.AString(10, 20), r.AString(2, 2), r.Zip(), "0."+r.NString(4, 4), "300000.00"); err != nil {
		return fmt.Errorf("load warehouse: %w", err)
	}
	stock := newBatch(ctx, db, "stock", "s_i_id", "s_w_id", "s_quantity", "s_dist_01", "s_dist_02", "s_dist_03", "s_dist_04", "s_dist_05", "s_dist_06", "s_dist_07", "s_dist_08", "s_dist_09", "s_dist_10", "s_ytd", "s_order_cnt", "s_remote_cnt", "s_data")
	for i := 1; i <= 100000; i++ {
		if err := stock.add(i, w, r.Between(10, 100), r.AString(24, 24), r.AString(24, 24), r.AString(24, 24), r.AString(24, 24), r.AString(24, 24), r.AString(24, 24), r.AString(24, 24), r.AString(24, 24), r.AString(24, 24), r.AString(24, 24), 0, 0, 0, r.Data()); err != nil {
			return err
		}
	}
	if err := stock.flush(); err != nil {
		return err
	}
	for d := 1; d <= 10; d++ {
		if err := loadDistrict(ctx, db, w, d, r); err != nil {
			return err
		}
	}
	return nil
}

func loadDistrict(ctx context.Context, db *DB, w, d int, r *Rand) error {
	if _, err := db.ExecContext(ctx, Q(db.engine, "INSERT INTO district VALUES (?,?,?,?,?,?,?,?,?,?,?)"),
		d, w, r.AString(6, 10), r.AString(10, 20), r.AString(10, 20), r.AString(10, 20), r.AString(2, 2), r.Zip(), "0."+r.NString(4, 4), "30000.00", 3001); err != nil {
		return fmt.Errorf("load district: %w", err)
	}
	now := time.Now().UTC().Truncate(time.Second)
	cust := newBatch(ctx, db, "customer", "c_id", "c_d_id", "c_w_id", "c_first", "c_middle", "c_last", "c_street_1", "c_street_2", "c_city", "c_state", "c_zip", "c_phone", "c_since", "c_credit", "c_credit_lim", "c_discount", "c_balance", "c_ytd_payment", "c_payment_cnt", "c_delivery_cnt", "c_data")
	hist := newBatch(ctx, db, "history", "h_c_id", "h_c_d_id", "h_c_w_id", "h_d_id", "h_w_id", "h_date", "h_amount", "h_data")
	for c := 1; c <= 3000; c++ {
		last := c - 1
		if c > 1000 {
			last = r.NURand(255, 0, 999, r.cLast)
		}
		credit := "GC"
		if r.IntN(10) == 0 {
			credit = "BC"
		}
		if err := cust.add(c, d, w, r.AString(8, 16), "OE", LastName(last), r.AString(10, 20), r.AString(10, 20), r.AString(10, 20), r.AString(2, 2), r.Zip(), r.NString(16, 16), now, credit, "50000.00", "0."+fmt.Sprintf("%04d", r.Between(0, 5000)), "-10.00", "10.00", 1, 0, r.AString(300, 500)); err != nil {
			return err
		}
		if err := hist.add(c, d, w, d, w, now, "10.00", r.AString(12, 24)); err != nil {
			return err
		}
	}
	if err := cust.flush(); err != nil {
		return err
	}
	if err := hist.flush(); err != nil {
		return err
	}
	orders := newBatch(ctx, db, "orders", "o_id", "o_d_id", "o_w_id", "o_c_id", "o_entry_d", "o_carrier_id", "o_ol_cnt", "o_all_local")
	lines := newBatch(ctx, db, "order_line", "ol_o_id", "ol_d_id", "ol_w_id", "ol_number", "ol_i_id", "ol_supply_w_id", "ol_delivery_d", "ol_quantity", "ol_amount", "ol_dist_info")
	newOrders := newBatch(ctx, db, "new_order", "no_o_id", "no_d_id", "no_w_id")
	for o, c := range r.Permutation(3000) {
		o++
		delivered := o < 2101
		cnt := r.Between(5, 15)
		var carrier any
		if delivered {
			carrier = r.Between(1, 10)
		}
		if err := orders.add(o, d, w, c, now, carrier, cnt, 1); err != nil {
			return err
		}
		for l := 1; l <= cnt; l++ {
			var deliveryD any
			amount := "0.00"
			if delivered {
				deliveryD = now
			} else {
				amount = r.Money(1, 999999)
			}
			if err := lines.add(o, d, w, l, r.Between(1, 100000), w, deliveryD, 5, amount, r.AString(24, 24)); err != nil {
				return err
			}
		}
		if !delivered {
			if err := newOrders.add(o, d, w); err != nil {
				return err
			}
		}
	}
	for _, b := range []*batch{orders, lines, newOrders} {
		if err := b.flush(); err != nil {
			return err
		}
	}
	return nil
}
