package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"time"
)

// errExpectedRollback is the new-order transaction's deliberate rollback (clause 2.4.1.4:
// 1% of new-orders name an unused item number).
var errExpectedRollback = errors.New("expected rollback: unused item number")

type orderLine struct {
	item, supplyW, qty int
}

// NewOrder is the new-order transaction (TPC-C standard specification 5.11 clause 2.4).
func (t *Terminal) NewOrder(ctx context.Context) error {
	w := t.home
	d := t.r.Between(1, 10)
	c := t.r.CustomerID()
	cnt := t.r.Between(5, 15)
	rollback := t.r.IntN(100) == 0
	lines := make([]orderLine, cnt)
	allLocal := 1
	for i := range lines {
		lines[i] = orderLine{item: t.r.ItemID(), supplyW: w, qty: t.r.Between(1, 10)}
		if t.warehouses > 1 && t.r.IntN(100) == 0 {
			for lines[i].supplyW == w {
				lines[i].supplyW = t.r.Between(1, t.warehouses)
			}
			allLocal = 0
		}
	}
	if rollback {
		lines[cnt-1].item = 100001
	}
	// Stock rows are locked in key order so two new-orders cannot deadlock on them.
	sort.SliceStable(lines, func(i, j int) bool {
		if lines[i].supplyW != lines[j].supplyW {
			return lines[i].supplyW < lines[j].supplyW
		}
		return lines[i].item < lines[j].item
	})
	return t.inTx(ctx, func(tx *sql.Tx) error {
		var wTax, dTax, cDiscount float64
		var next int
		var cLast, cCredit string
		if err := tx.QueryRowContext(ctx, t.q("SELECT w_tax FROM warehouse WHERE w_id = ?"), w).Scan(&wTax); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, t.q("SELECT d_tax, d_next_o_id FROM district WHERE d_w_id = ? AND d_id = ? FOR UPDATE"), w, d).Scan(&dTax, &next); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, t.q("UPDATE district SET d_next_o_id = ? WHERE d_w_id = ? AND d_id = ?"), next+1, w, d); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, t.q("SELECT c_discount, c_last, c_credit FROM customer WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?"), w, d, c).Scan(&cDiscount, &cLast, &cCredit); err != nil {
			return err
		}
		now := time.Now().UTC()
		if _, err := tx.ExecContext(ctx, t.q("INSERT INTO orders (o_id, o_d_id, o_w_id, o_c_id, o_entry_d, o_carrier_id, o_ol_cnt, o_all_local) VALUES (?,?,?,?,?,NULL,?,?)"), next, d, w, c, now, cnt, allLocal); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, t.q("INSERT INTO new_order (no_o_id, no_d_id, no_w_id) VALUES (?,?,?)"), next, d, w); err != nil {
			return err
		}
		distCol := fmt.Sprintf("s_dist_%02d", d)
		for n, l := range lines {
			var price float64
			var iName, iData string
			err := tx.QueryRowContext(ctx, t.q("SELECT i_price, i_name, i_data FROM item WHERE i_id = ?"), l.item).Scan(&price, &iName, &iData)
			if errors.Is(err, sql.ErrNoRows) {
				return errExpectedRollback
			} else if err != nil {
				return err
			}
			var qty int
			var dist, sData string
			if err := tx.QueryRowContext(ctx, t.q("SELECT s_quantity, "+distCol+", s_data FROM stock WHERE s_w_id = ? AND s_i_id = ? FOR UPDATE"), l.supplyW, l.item).Scan(&qty, &dist, &sData); err != nil {
				return err
			}
			if qty >= l.qty+10 {
				qty -= l.qty
			} else {
				qty = qty - l.qty + 91
			}
			remote := 0
			if l.supplyW != w {
				remote = 1
			}
			if _, err := tx.ExecContext(ctx, t.q("UPDATE stock SET s_quantity = ?, s_ytd = s_ytd + ?, s_order_cnt = s_order_cnt + 1, s_remote_cnt = s_remote_cnt + ? WHERE s_w_id = ? AND s_i_id = ?"), qty, l.qty, remote, l.supplyW, l.item); err != nil {
				return err
			}
			amount := int(float64(l.qty)*price*100 + 0.5)
			if _, err := tx.ExecContext(ctx, t.q("INSERT INTO order_line (ol_o_id, ol_d_id, ol_w_id, ol_number, ol_i_id, ol_supply_w_id, ol_delivery_d, ol_quantity, ol_amount, ol_dist_info) VALUES (?,?,?,?,?,?,NULL,?,?,?)"),
				next, d, w, n+1, l.item, l.supplyW, l.qty, Cents(amount), dist); err != nil {
				return err
			}
		}
		return nil
	})
}
