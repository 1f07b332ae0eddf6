-- Loads open deadline clocks into a PostgreSQL database the Closeloop server has migrated (start
-- the server on it once, stop it), for bench/run-clocks.sh.
--
--   psql -X -h 127.0.0.1 -p PORT -U postgres -d closeloop_clocks -v clocks=5000000 -v due=100000 -v rule_version=… -f bench/load-clocks.sql
--
-- clocks (default 5,000,000) running clocks, two per open consultation (its 20-minute dispatch
-- clock and its 4-working-day handling clock), on clocks/2 orders held by the national service
-- centre and the county companies, accepted at an even pace over the last 30 days. Ids are
-- version-7 UUIDs of the acceptance time, as the server makes them (Guid.CreateVersion7), so rows
-- and index entries lie in acceptance order as they do in production. The first `due` clocks
-- (default 100,000, one per order, the oldest orders) have their warning due in the last few
-- minutes, in the order the orders were accepted, as the warnings of one policy come due; every
-- other clock fires between 1 hour and 30 days from now. Orders carry `rule_version` (the one the
-- server stored) and no history rows: the runner appends to whatever version an order is at.
-- Indexes are built after the load; then VACUUM ANALYZE.

\set ON_ERROR_STOP on
\if :{?clocks}
\else
\set clocks 5000000
\endif
\if :{?due}
\else
\set due 100000
\endif
SET synchronous_commit = off;
SET maintenance_work_mem = '1GB';
\timing on

DO $$
BEGIN
  IF to_regclass('clocks') IS NULL THEN
    RAISE EXCEPTION 'no clocks table: start the Closeloop server on this database once so it creates the schema';
  END IF;
  IF EXISTS (SELECT 1 FROM work_orders) THEN
    RAISE EXCEPTION 'work_orders is not empty: load into a fresh database';
  END IF;
END $$;

CREATE TEMP TABLE bench_indexes AS
  SELECT i.indexname, i.indexdef FROM pg_indexes i
  WHERE i.schemaname = current_schema() AND i.tablename IN ('work_orders', 'clocks')
    AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname);
DO $$
DECLARE ix record;
BEGIN
  FOR ix IN SELECT indexname FROM bench_indexes LOOP
    EXECUTE format('DROP INDEX %I', ix.indexname);
  END LOOP;
END $$;

-- A version-7 UUID (RFC 9562) of an instant: 48 bits of Unix milliseconds, then random bits.
CREATE FUNCTION pg_temp.uuid7(at timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $$
  SELECT encode(set_bit(set_bit(
           overlay(uuid_send(gen_random_uuid()) PLACING substring(int8send(floor(extract(epoch FROM at) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
           52, 1), 53, 1), 'hex')::uuid
$$;

CREATE TEMP TABLE bench_units AS
  SELECT row_number() OVER (ORDER BY code) - 1 AS n, code FROM org_units WHERE kind = 'County' OR code = 'sgcc-csc';

INSERT INTO work_orders (id, number, type, channel, content, accepting_unit, responsible_unit, route, status, rule_version,
                         created_at, updated_at, version, customer_name, customer_phone)
SELECT pg_temp.uuid7(t.accepted), 'B' || lpad(i::text, 12, '0'), 'consultation', 'Phone', '咨询峰谷分时电价的执行时段和价格', 'sgcc-csc', u.code,
       CASE WHEN u.code = 'sgcc-csc' THEN 'sgcc-csc' ELSE 'sgcc-csc/' || u.code END,
       'inProgress', :'rule_version', t.accepted, t.accepted, 1, '王小明',
       '138' || lpad((i % 100000000)::text, 8, '0')
FROM generate_series(1, (:clocks + 1) / 2) AS i
CROSS JOIN LATERAL (SELECT now() - interval '30 days' + (i - 1) * (interval '30 days' / ((:clocks + 1) / 2)) AS accepted) t
JOIN bench_units u ON u.n = i % (SELECT count(*) FROM bench_units);

CREATE TEMP TABLE bench_orders AS SELECT row_number() OVER (ORDER BY number) AS n, id, responsible_unit, created_at FROM work_orders;
CREATE INDEX ON bench_orders (n);

-- Clock k of order n: k = 0 the dispatch clock (minutes), k = 1 the handling clock (working days).
INSERT INTO clocks (id, work_order_id, policy, instance, unit, amount, counted_by, started_at, allowed, warn_after, used,
                    running_since, due, warn_at, state, next_fire_at, on_breach)
SELECT pg_temp.uuid7(o.created_at), o.id,
       CASE WHEN k = 0 THEN 'consultationDispatch' ELSE 'consultationHandling' END, 1,
       CASE WHEN k = 0 THEN 'Minutes' ELSE 'WorkingDays' END, CASE WHEN k = 0 THEN 20 ELSE 4 END, o.responsible_unit,
       o.created_at, 12000000000, 9000000000, 0, o.created_at,
       f.fire + interval '1 hour', f.fire, 'Running', f.fire, 7
FROM bench_orders o
CROSS JOIN generate_series(0, 1) AS k
CROSS JOIN LATERAL (SELECT CASE
    WHEN k = 0 AND o.n <= :due THEN now() - interval '5 minutes' + o.n * (interval '4 minutes' / :due)
    ELSE now() + interval '1 hour' + ((o.n * 2 + k) % 2592000) * interval '1 second' END AS fire) f
WHERE o.n * 2 - 1 + k <= :clocks;

DO $$
DECLARE ix record;
BEGIN
  FOR ix IN SELECT indexdef FROM bench_indexes LOOP
    EXECUTE ix.indexdef;
  END LOOP;
END $$;
VACUUM ANALYZE work_orders;
VACUUM ANALYZE clocks;
SELECT count(*) AS clocks, count(*) FILTER (WHERE next_fire_at <= now()) AS due_now FROM clocks;
