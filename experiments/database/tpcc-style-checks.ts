/**
 * Consistency conditions of the TPC-C-style schema after a run, from the TPC-C standard
 * specification 5.11, clause 3.3.2 (conditions 1–10). Each is one query, portable between
 * PostgreSQL and MariaDB, that counts the rows (warehouses, districts, orders, customers)
 * breaking the condition: 0 means it holds. They need a quiet database (no run in progress).
 */

/** One consistency condition. */
export interface ConsistencyCheck {
  /** Clause 3.3.2.<n>. */
  readonly condition: number;
  readonly statement: string;
  /** Counts the violations. */
  readonly sql: string;
}

const orderLines = 'order_line l ON l.ol_w_id = o.o_w_id AND l.ol_d_id = o.o_d_id AND l.ol_o_id = o.o_id';

/** Conditions 1–10 of clause 3.3.2. */
export const CONSISTENCY_CHECKS: readonly ConsistencyCheck[] = [
  {
    condition: 1,
    statement: 'W_YTD = sum(D_YTD) of the warehouse\'s districts',
    sql: 'SELECT COUNT(*) FROM warehouse w WHERE w.w_ytd <> (SELECT SUM(d.d_ytd) FROM district d WHERE d.d_w_id = w.w_id)',
  },
  {
    condition: 2,
    statement: 'D_NEXT_O_ID - 1 = max(O_ID) = max(NO_O_ID) of the district',
    sql:
      'SELECT COUNT(*) FROM district d WHERE d.d_next_o_id - 1 <> COALESCE((SELECT MAX(o.o_id) FROM orders o WHERE o.o_w_id = d.d_w_id AND o.o_d_id = d.d_id), -1)' +
      ' OR d.d_next_o_id - 1 <> COALESCE((SELECT MAX(n.no_o_id) FROM new_order n WHERE n.no_w_id = d.d_w_id AND n.no_d_id = d.d_id), -1)',
  },
  {
    condition: 3,
    statement: 'max(NO_O_ID) - min(NO_O_ID) + 1 = rows in NEW-ORDER, per district',
    sql: 'SELECT COUNT(*) FROM (SELECT MAX(no_o_id) - MIN(no_o_id) + 1 AS span, COUNT(*) AS n FROM new_order GROUP BY no_w_id, no_d_id) x WHERE x.span <> x.n',
  },
  {
    condition: 4,
    statement: 'sum(O_OL_CNT) = rows in ORDER-LINE, per district',
    sql:
      'SELECT COUNT(*) FROM district d WHERE COALESCE((SELECT SUM(o.o_ol_cnt) FROM orders o WHERE o.o_w_id = d.d_w_id AND o.o_d_id = d.d_id), 0)' +
      ' <> (SELECT COUNT(*) FROM order_line l WHERE l.ol_w_id = d.d_w_id AND l.ol_d_id = d.d_id)',
  },
  {
    condition: 5,
    statement: 'O_CARRIER_ID is null exactly when the order has a NEW-ORDER row',
    sql: 'SELECT COUNT(*) FROM orders o LEFT JOIN new_order n ON n.no_w_id = o.o_w_id AND n.no_d_id = o.o_d_id AND n.no_o_id = o.o_id WHERE (o.o_carrier_id IS NULL) <> (n.no_o_id IS NOT NULL)',
  },
  {
    condition: 6,
    statement: 'O_OL_CNT = the order\'s rows in ORDER-LINE',
    sql:
      'SELECT COUNT(*) FROM orders o LEFT JOIN (SELECT ol_w_id, ol_d_id, ol_o_id, COUNT(*) AS n FROM order_line GROUP BY ol_w_id, ol_d_id, ol_o_id) c' +
      ' ON c.ol_w_id = o.o_w_id AND c.ol_d_id = o.o_d_id AND c.ol_o_id = o.o_id WHERE COALESCE(c.n, 0) <> o.o_ol_cnt',
  },
  {
    condition: 7,
    statement: 'OL_DELIVERY_D is null exactly when the order\'s O_CARRIER_ID is',
    sql: `SELECT COUNT(*) FROM orders o JOIN ${orderLines} WHERE (o.o_carrier_id IS NULL) <> (l.ol_delivery_d IS NULL)`,
  },
  {
    condition: 8,
    statement: 'W_YTD = sum(H_AMOUNT) of the warehouse',
    sql: 'SELECT COUNT(*) FROM warehouse w WHERE w.w_ytd <> COALESCE((SELECT SUM(h.h_amount) FROM history h WHERE h.h_w_id = w.w_id), 0)',
  },
  {
    condition: 9,
    statement: 'D_YTD = sum(H_AMOUNT) of the district',
    sql: 'SELECT COUNT(*) FROM district d WHERE d.d_ytd <> COALESCE((SELECT SUM(h.h_amount) FROM history h WHERE h.h_w_id = d.d_w_id AND h.h_d_id = d.d_id), 0)',
  },
  {
    condition: 10,
    statement: 'C_BALANCE = sum(OL_AMOUNT) of the customer\'s delivered order lines - sum(H_AMOUNT) of the customer',
    sql:
      'SELECT COUNT(*) FROM customer c' +
      ' LEFT JOIN (SELECT h_c_w_id AS w, h_c_d_id AS d, h_c_id AS id, SUM(h_amount) AS s FROM history GROUP BY h_c_w_id, h_c_d_id, h_c_id) h ON h.w = c.c_w_id AND h.d = c.c_d_id AND h.id = c.c_id' +
      ` LEFT JOIN (SELECT o.o_w_id AS w, o.o_d_id AS d, o.o_c_id AS id, SUM(l.ol_amount) AS s FROM orders o JOIN ${orderLines} WHERE l.ol_delivery_d IS NOT NULL GROUP BY o.o_w_id, o.o_d_id, o.o_c_id) v` +
      ' ON v.w = c.c_w_id AND v.d = c.c_d_id AND v.id = c.c_id WHERE c.c_balance <> COALESCE(v.s, 0) - COALESCE(h.s, 0)',
  },
];
