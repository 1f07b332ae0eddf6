-- Gives orders loaded by bench/load-10m.sql the clocks the workbench pages show (run after it):
--
--   psql -X -h 127.0.0.1 -p PORT -U postgres -d DB -f bench/load-page-clocks.sql
--
-- Every open order gets one running handling clock (4 working days, counted by the unit holding it),
-- started 0 to 95 hours ago: some still running, some past their warning, some breached (those
-- already fired, so the server's runner finds nothing to do while pages are timed). Every order
-- closed in the last 30 days gets its stopped clock, nine in ten met, for the overview's on-time rate.

\set ON_ERROR_STOP on
SET synchronous_commit = off;
\timing on

INSERT INTO clocks (id, work_order_id, policy, instance, unit, amount, counted_by, started_at, allowed, warn_after, used,
                    running_since, due, warn_at, state, warned_at, breached_at, next_fire_at, on_breach, provisional)
SELECT gen_random_uuid(), o.id, 'consultationHandling', 1, 'WorkingDays', 4, o.responsible_unit, s.started, 3456000000000, 2592000000000, 0,
       s.started, s.started + interval '4 days', s.started + interval '3 days',
       CASE WHEN s.started + interval '4 days' <= now() THEN 'Breached' WHEN s.started + interval '3 days' <= now() THEN 'Warned' ELSE 'Running' END,
       CASE WHEN s.started + interval '3 days' <= now() THEN s.started + interval '3 days' END,
       CASE WHEN s.started + interval '4 days' <= now() THEN s.started + interval '4 days' END,
       CASE WHEN s.started + interval '3 days' > now() THEN s.started + interval '3 days'
            WHEN s.started + interval '4 days' > now() THEN s.started + interval '4 days' END,
       7, false
FROM work_orders o
CROSS JOIN LATERAL (SELECT now() - (abs(hashtext(o.number)) % (96 * 60)) * interval '1 minute' AS started) s
WHERE o.closed_at IS NULL;

INSERT INTO clocks (id, work_order_id, policy, instance, unit, amount, counted_by, started_at, allowed, warn_after, used,
                    running_since, due, warn_at, state, warned_at, breached_at, stopped_at, margin, next_fire_at, on_breach, provisional)
SELECT gen_random_uuid(), o.id, 'consultationHandling', 1, 'WorkingDays', 4, o.responsible_unit, o.created_at, 3456000000000, 2592000000000,
       3456000000000 - m.margin, NULL, o.created_at + interval '4 days', o.created_at + interval '3 days',
       CASE WHEN m.margin < 0 THEN 'Breached' ELSE 'Met' END, NULL, CASE WHEN m.margin < 0 THEN o.created_at + interval '4 days' END,
       o.closed_at, m.margin, NULL, 7, false
FROM work_orders o
CROSS JOIN LATERAL (SELECT CASE WHEN abs(hashtext(o.number)) % 10 = 0 THEN -36000000000 ELSE 864000000000 END AS margin) m
WHERE o.closed_at >= now() - interval '30 days';

VACUUM ANALYZE clocks;
SELECT state, count(*) FROM clocks GROUP BY state ORDER BY state;
