package main

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// customerByName is the clause 2.5.2.2 rule: of the customers with this last name in the
// district, sorted by first name, the one at position ceil(n/2).
func (t *Terminal) customerByName(ctx context.Context, tx *sql.Tx, w, d int, last string) (int, error) {
	rows, err := tx.QueryContext(ctx, t.q("SELECT c_id FROM customer WHERE c_w_id = ? AND c_d_id = ? AND c_last = ? ORDER BY c_first"), w, d, last)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var ids []int
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return 0, err
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		return 0, fmt.Errorf("no customer named %s in district %d/%d", last, w, d)
	}
	return ids[(len(ids)+1)/2-1], nil
}

// resolveCustomer is the id of the picked customer: the id itself, or the clause 2.5.2.2 rule
// for a last name.
func (t *Terminal) resolveCustomer(ctx context.Context, tx *sql.Tx, w, d int, pick CustomerPick) (int, error) {
	if !pick.ByName {
		return pick.ID, nil
	}
	return t.customerByName(ctx, tx, w, d, pick.Last)
}

// Payment is the payment transaction (clause 2.5): 60% of customers chosen by last name,
// 15% paying through another warehouse when there is more than one.
func (t *Terminal) Payment(ctx context.Context) error {
	w := t.home
	d := t.r.Between(1, 10)
	cw, cd := w, d
	if t.warehouses > 1 && t.r.IntN(100) < 15 {
		for cw == w {
			cw = t.r.Between(1, t.warehouses)
		}
		cd = t.r.Between(1, 10)
	}
	pick := t.r.PickCustomer()
	cents := t.r.Between(100, 500000)
	amount := Cents(cents)
	return t.inTx(ctx, func(tx *sql.Tx) error {
		var wName, dName string
		if _, err := tx.ExecContext(ctx, t.q("UPDATE warehouse SET w_ytd = w_ytd + ? WHERE w_id = ?"), amount, w); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, t.q("SELECT w_name FROM warehouse WHERE w_id = ?"), w).Scan(&wName); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, t.q("UPDATE district SET d_ytd = d_ytd + ? WHERE d_w_id = ? AND d_id = ?"), amount, w, d); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, t.q("SELECT d_name FROM district WHERE d_w_id = ? AND d_id = ?"), w, d).Scan(&dName); err != nil {
			return err
		}
		c, err := t.resolveCustomer(ctx, tx, cw, cd, pick)
		if err != nil {
			return err
		}
		var credit, data string
		if err := tx.QueryRowContext(ctx, t.q("SELECT c_credit, c_data FROM customer WHERE c_w_id = ? AND c_d_id = ? AND c_id = ? FOR UPDATE"), cw, cd, c).Scan(&credit, &data); err != nil {
			return err
		}
		if credit == "BC" {
			data = fmt.Sprintf("%d %d %d %d %d %s | %s", c, cd, cw, d, w, amount, data)
			if len(data) > 500 {
				data = data[:500]
			}
			if _, err := tx.ExecContext(ctx, t.q("UPDATE customer SET c_balance = c_balance - ?, c_ytd_payment = c_ytd_payment + ?, c_payment_cnt = c_payment_cnt + 1, c_data = ? WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?"), amount, amount, data, cw, cd, c); err != nil {
				return err
			}
		} else if _, err := tx.ExecContext(ctx, t.q("UPDATE customer SET c_balance = c_balance - ?, c_ytd_payment = c_ytd_payment + ?, c_payment_cnt = c_payment_cnt + 1 WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?"), amount, amount, cw, cd, c); err != nil {
			return err
		}
		hData := wName + "    " + dName
		_, err = tx.ExecContext(ctx, t.q("INSERT INTO history (h_c_id, h_c_d_id, h_c_w_id, h_d_id, h_w_id, h_date, h_amount, h_data) VALUES (?,?,?,?,?,?,?,?)"), c, cd, cw, d, w, time.Now().UTC(), amount, hData)
		return err
	})
}
