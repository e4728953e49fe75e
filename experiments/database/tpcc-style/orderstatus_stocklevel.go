package main

import (
	"context"
	"database/sql"
)

// OrderStatus is the order-status transaction (clause 2.6): a customer's last order and its
// lines, the customer chosen by last name 60% of the time.
func (t *Terminal) OrderStatus(ctx context.Context) error {
	w := t.home
	d := t.r.Between(1, 10)
	pick := t.r.PickCustomer()
	return t.inTx(ctx, func(tx *sql.Tx) error {
		c, err := t.resolveCustomer(ctx, tx, w, d, pick)
		if err != nil {
			return err
		}
		var balance float64
		var first, lastName string
		if err := tx.QueryRowContext(ctx, t.q("SELECT c_balance, c_first, c_last FROM customer WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?"), w, d, c).Scan(&balance, &first, &lastName); err != nil {
			return err
		}
		var oid int
		err = tx.QueryRowContext(ctx, t.q("SELECT o_id FROM orders WHERE o_w_id = ? AND o_d_id = ? AND o_c_id = ? ORDER BY o_id DESC LIMIT 1"), w, d, c).Scan(&oid)
		if err == sql.ErrNoRows {
			return nil // a customer with no order yet (possible after the initial load's permutation)
		} else if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, t.q("SELECT ol_i_id, ol_supply_w_id, ol_quantity, ol_amount FROM order_line WHERE ol_w_id = ? AND ol_d_id = ? AND ol_o_id = ?"), w, d, oid)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var item, supply, qty int
			var amount float64
			if err := rows.Scan(&item, &supply, &qty, &amount); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}

// StockLevel is the stock-level transaction (clause 2.8): distinct items of the district's
// last 20 orders whose stock is below a threshold of 10..20.
func (t *Terminal) StockLevel(ctx context.Context) error {
	w := t.home
	d := t.stockDistrict
	threshold := t.r.Between(10, 20)
	return t.inTx(ctx, func(tx *sql.Tx) error {
		var next, low int
		if err := tx.QueryRowContext(ctx, t.q("SELECT d_next_o_id FROM district WHERE d_w_id = ? AND d_id = ?"), w, d).Scan(&next); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, t.q("SELECT COUNT(DISTINCT s_i_id) FROM order_line JOIN stock ON s_w_id = ol_w_id AND s_i_id = ol_i_id WHERE ol_w_id = ? AND ol_d_id = ? AND ol_o_id < ? AND ol_o_id >= ? AND s_quantity < ?"),
			w, d, next, next-20, threshold).Scan(&low)
	})
}
