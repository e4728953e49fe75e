/**
 * perflab's custom pgbench scripts, run against the tables `pgbench -i` creates. The local
 * target writes them to its temp folder; the cluster Job mounts them from a ConfigMap. `:scale`
 * comes from `pgbench -s` (given explicitly for custom scripts).
 */

/** Read-only: four point selects on accounts and a 10-row range, in one transaction. */
const READ_ONLY = `\\set aid1 random(1, 100000 * :scale)
\\set aid2 random(1, 100000 * :scale)
\\set aid3 random(1, 100000 * :scale)
\\set aid4 random(1, 100000 * :scale)
\\set bid random(1, 1 * :scale)
BEGIN;
SELECT abalance FROM pgbench_accounts WHERE aid = :aid1;
SELECT abalance FROM pgbench_accounts WHERE aid = :aid2;
SELECT abalance FROM pgbench_accounts WHERE aid = :aid3;
SELECT bbalance FROM pgbench_branches WHERE bid = :bid;
SELECT sum(abalance) FROM pgbench_accounts WHERE aid BETWEEN :aid4 AND :aid4 + 9;
END;
`;

/**
 * Write-heavy: three updates and two inserts around one select, in one transaction. (A negated
 * variable is computed with \\set: `-:delta` would substitute as `--123`, an SQL comment.)
 */
const WRITE_HEAVY = `\\set aid random(1, 100000 * :scale)
\\set aid2 random(1, 100000 * :scale)
\\set bid random(1, 1 * :scale)
\\set tid random(1, 10 * :scale)
\\set delta random(-5000, 5000)
\\set mdelta -1 * :delta
BEGIN;
UPDATE pgbench_accounts SET abalance = abalance + :delta WHERE aid = :aid;
UPDATE pgbench_accounts SET abalance = abalance + :mdelta WHERE aid = :aid2;
UPDATE pgbench_tellers SET tbalance = tbalance + :delta WHERE tid = :tid;
SELECT abalance FROM pgbench_accounts WHERE aid = :aid;
INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (:tid, :bid, :aid, :delta, CURRENT_TIMESTAMP);
INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (:tid, :bid, :aid2, :mdelta, CURRENT_TIMESTAMP);
END;
`;

/** Script text by name (the `pgbenchScript` of a workload, without `builtin:`). */
export const PGBENCH_SCRIPTS: Readonly<Record<string, string>> = {
  'read-only': READ_ONLY,
  'write-heavy': WRITE_HEAVY,
};

/** File name of a script inside the script folder / ConfigMap. */
export function pgbenchScriptFile(name: string): string {
  return `${name}.sql`;
}
