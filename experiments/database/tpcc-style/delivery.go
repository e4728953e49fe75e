package main

import (
	"context"
	"database/sql"
)

// Delivery is the delivery transaction (clause 2.7), run directly rather than queued: for each
// of the warehouse's 10 districts, the oldest undelivered order is delivered (a district
// without one is skipped).
func (t *Terminal) Delivery(ctx context.Context) error {
	w := t.home
	carrier := t.r.Between(1, 10)
	return t.inTx(ctx, func(tx *sql.Tx) error {
		for d := 1; d <= 10; d++ {
			var oid int
			err := tx.QueryRowContext(ctx, t.q("SELECT no_o_id FROM new_order WHERE no_w_id = ? AND no_d_id = ? ORDER BY no_o_id LIMIT 1 FOR UPDATE"), w, d).Scan(&oid)
			if err == sql.ErrNoRows {
				continue
			} else if err != nil {
				return err
			}
			res, err := tx.ExecContext(ctx, t.q("DELETE FROM new_order WHERE no_w_id = ? AND no_d_id = ? AND no_o_id = ?"), w, d, oid)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				continue // delivered by another terminal meanwhile
			}
			var c int
			if err := tx.QueryRowContext(ctx, t.q("SELECT o_c_id FROM orders WHERE o_w_id = ? AND o_d_id = ? AND o_id = ?"), w, d, oid).Scan(&c); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, t.q("UPDATE orders SET o_carrier_id = ? WHERE o_w_id = ? AND o_d_id = ? AND o_id = ?"), carrier, w, d, oid); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, t.q("UPDATE order_line SET ol_delivery_d = ? WHERE ol_w_id = ? AND ol_d_id = ? AND ol_o_id = ?"), t.now(), w, d, oid); err != nil {
				return err
			}
			var total sql.NullString
			if err := tx.QueryRowContext(ctx, t.q("SELECT SUM(ol_amount) FROM order_line WHERE ol_w_id = ? AND ol_d_id = ? AND ol_o_id = ?"), w, d, oid).Scan(&total); err != nil {
				return err
			}
			if !total.Valid {
				total.String = "0"
			}
			if _, err := tx.ExecContext(ctx, t.q("UPDATE customer SET c_balance = c_balance + ?, c_delivery_cnt = c_delivery_cnt + 1 WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?"), total.String, w, d, c); err != nil {
				return err
			}
		}
		return nil
	})
}
