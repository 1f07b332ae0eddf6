-- Loads synthetic work orders into a PostgreSQL database the Closeloop server has migrated (start
-- the server on it once, stop it), for the list and count benchmarks of bench/run-10m.sh.
--
--   psql -X -h 127.0.0.1 -p PORT -U postgres -d closeloop_10m -v rows=10000000 -v chunk=1000000 -f bench/load-10m.sql
--
-- rows (default 10,000,000) orders in chunks of `chunk` (default 1,000,000), one commit and one
-- progress line per chunk. The database must hold no orders yet.
--
-- Shape (sgcc-95598 preset, its org tree read from org_units):
--   created_at  spread evenly over the 730 days before today (Asia/Shanghai), loaded oldest first;
--   number      yyyyMMdd + 6-digit sequence of that day: unique, as the server numbers them;
--   id          UUIDv7 from created_at, as the server's Guid.CreateVersion7;
--   unit        weighted towards county companies (55 %) and the units below them (23 %), cities
--               (10 %), the national service centre (8 %, resolved at first contact), provinces (4 %);
--   route       sgcc-csc → the unit (through its parent below county/city/province level);
--   status      ~5 % open: accepted at sgcc-csc, dispatched/inProgress/handled/reviewed/replied
--               elsewhere; the rest (and every praise) archived with closed_at set;
--   type        the nine sgcc types in 95598-like proportions, subtypes and grades where defined;
--   customer    Chinese name, valid mobile, address and area code of the unit's area;
--   history     one 'accept' event per order (changes = '{"route":["sgcc-csc"]}', valid JSON).
-- Then, when the schema has it, work_order_counts is filled from the orders with one
-- INSERT … SELECT … GROUP BY; then VACUUM ANALYZE.

\set ON_ERROR_STOP on
\if :{?rows}
\else
\set rows 10000000
\endif
\if :{?chunk}
\else
\set chunk 1000000
\endif
SELECT set_config('bench.rows', :'rows', false), set_config('bench.chunk', :'chunk', false) \g /dev/null
-- Loading only: the benchmarks themselves run with synchronous_commit on.
SET synchronous_commit = off;
SET maintenance_work_mem = '1GB';
SET max_parallel_maintenance_workers = 2;
\timing on

DO $$
BEGIN
  IF to_regclass('work_orders') IS NULL THEN
    RAISE EXCEPTION 'no work_orders table: start the Closeloop server on this database once so it creates the schema';
  END IF;
  IF EXISTS (SELECT 1 FROM work_orders) THEN
    RAISE EXCEPTION 'work_orders is not empty: load into a fresh database';
  END IF;
END $$;

-- Secondary indexes are built once at the end instead of row by row; their definitions are kept
-- exactly as the migrations made them. Primary keys (and the events' foreign key) stay.
CREATE TEMP TABLE bench_indexes AS
  SELECT i.indexname, i.indexdef FROM pg_indexes i
  WHERE i.schemaname = current_schema() AND i.tablename IN ('work_orders', 'work_order_events')
    AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname);
SELECT string_agg(indexname, ', ') AS "rebuilt after the load" FROM bench_indexes;
DO $$
DECLARE ix record;
BEGIN
  FOR ix IN SELECT indexname FROM bench_indexes LOOP
    EXECUTE format('DROP INDEX %I', ix.indexname);
  END LOOP;
END $$;
ALTER TABLE work_orders SET (autovacuum_enabled = false);
ALTER TABLE work_order_events SET (autovacuum_enabled = false);

-- Units with weights (per category, shared equally), routes and area codes.
CREATE TEMP TABLE bench_units AS
WITH u AS (
  SELECT o.code, o.kind, o.parent_code, p.kind AS parent_kind,
         COALESCE(NULLIF(split_part(o.area_codes, ',', 1), ''), NULLIF(split_part(p.area_codes, ',', 1), ''),
                  NULLIF(split_part(g.area_codes, ',', 1), '')) AS area_code
  FROM org_units o
  LEFT JOIN org_units p ON p.code = o.parent_code
  LEFT JOIN org_units g ON g.code = p.parent_code
), c AS (
  SELECT u.*,
    CASE
      WHEN code = 'sgcc-csc' THEN 'csc'
      WHEN kind = 'County' THEN 'county'
      WHEN parent_kind = 'County' AND kind = 'Crew' THEN 'crew'
      WHEN parent_kind = 'County' AND kind = 'BusinessHall' THEN 'hall'
      WHEN parent_kind = 'County' THEN 'county-dept'
      WHEN kind = 'City' THEN 'city'
      WHEN parent_kind = 'City' THEN 'city-dept'
      WHEN kind = 'Province' THEN 'province'
      WHEN parent_kind = 'Province' THEN 'province-dept'
      ELSE 'none'
    END AS category
  FROM u
), w(category, total) AS (
  VALUES ('csc', 8.0), ('county', 55.0), ('crew', 12.0), ('hall', 5.0), ('county-dept', 6.0),
         ('city', 6.0), ('city-dept', 4.0), ('province', 2.0), ('province-dept', 2.0)
)
SELECT row_number() OVER (ORDER BY c.code)::int AS n, c.code,
       CASE WHEN c.code = 'sgcc-csc' THEN 'sgcc-csc'
            WHEN c.kind IN ('Province', 'City', 'County') THEN 'sgcc-csc/' || c.code
            ELSE 'sgcc-csc/' || c.parent_code || '/' || c.code END AS route,
       COALESCE(c.area_code, '320115') AS area_code,
       w.total / count(*) OVER (PARTITION BY c.category) AS weight
FROM c JOIN w USING (category);

-- Where an area code's customers live.
CREATE TEMP TABLE bench_areas(area_code, prefix) AS VALUES
  ('320000', '江苏省南京市玄武区'), ('320100', '江苏省南京市鼓楼区'), ('320115', '江苏省南京市江宁区'), ('320117', '江苏省南京市溧水区'),
  ('320500', '江苏省苏州市姑苏区'), ('320583', '江苏省昆山市'), ('320581', '江苏省常熟市'),
  ('330000', '浙江省杭州市上城区'), ('330100', '浙江省杭州市西湖区'), ('330109', '浙江省杭州市萧山区'), ('330122', '浙江省杭州市桐庐县'),
  ('330200', '浙江省宁波市海曙区'), ('330281', '浙江省余姚市'), ('330226', '浙江省宁海县');

SELECT code, route, area_code, round(weight, 3) AS "weight %" FROM bench_units ORDER BY weight DESC, code LIMIT 12;

DO $$
DECLARE
  total bigint := current_setting('bench.rows')::bigint;
  chunk bigint := current_setting('bench.chunk')::bigint;
  per_day int := ceil(total / 730.0)::int;
  first_day date := (now() AT TIME ZONE 'Asia/Shanghai')::date - 730;
  rule text := COALESCE((SELECT id FROM rule_versions ORDER BY first_loaded_at DESC LIMIT 1), 'sgcc-95598@2026.1#000000000000');
  -- 10,000 slots, each unit holding as many as its weight: one random index picks a unit.
  unit_slots int[] := (
      WITH c AS (SELECT n, sum(weight) OVER (ORDER BY n) / sum(weight) OVER () AS upto FROM bench_units)
      SELECT array_agg((SELECT c.n FROM c WHERE c.upto * 10000 >= s - 0.001 ORDER BY c.n LIMIT 1) ORDER BY s)
      FROM generate_series(1, 10000) AS s);
  units text[] := (SELECT array_agg(code ORDER BY n) FROM bench_units);
  routes text[] := (SELECT array_agg(route ORDER BY n) FROM bench_units);
  area_codes text[] := (SELECT array_agg(b.area_code ORDER BY n) FROM bench_units b);
  prefixes text[] := (SELECT array_agg(COALESCE(a.prefix, '江苏省南京市江宁区') ORDER BY b.n) FROM bench_units b LEFT JOIN bench_areas a USING (area_code));
  -- 100 slots of types: fault repair 35, consultation 25, information query 12, service request 12,
  -- complaint 6, opinion 4, suggestion 2, report 2, praise 2.
  types text[] := array_fill('faultRepair'::text, ARRAY[35]) || array_fill('consultation'::text, ARRAY[25])
      || array_fill('informationQuery'::text, ARRAY[12]) || array_fill('serviceRequest'::text, ARRAY[12])
      || array_fill('complaint'::text, ARRAY[6]) || array_fill('opinion'::text, ARRAY[4]) || array_fill('suggestion'::text, ARRAY[2])
      || array_fill('report'::text, ARRAY[2]) || array_fill('praise'::text, ARRAY[2]);
  subtypes text[] := ARRAY['newConnection', 'changeOfUse', 'nameTransfer', 'accountInfoChange', 'meterCheck', 'billingAnomaly',
      'meterReadingAnomaly', 'reconnectionAfterPayment', 'appointment'];
  open_below text[] := ARRAY['dispatched', 'dispatched', 'inProgress', 'inProgress', 'inProgress', 'handled', 'reviewed', 'replied'];
  channels text[] := array_fill('Phone'::text, ARRAY[16]) || ARRAY['App', 'App', 'Website', 'WeChat'];
  surnames text[] := ARRAY['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林'];
  given text[] := ARRAY['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞'];
  streets text[] := ARRAY['人民路', '中山路', '解放路', '建设路', '和平路', '新华路', '文化路', '胜利路', '青年路', '长江路'];
  contents text[] := ARRAY[
    '今日上午居民用户致电95598服务热线，客户来电反映所在小区近一周内多次出现短时停电，每次持续约十分钟，家中冰箱和空调受到影响。请相关单位核实情况后及时联系客户。',
    '今日下午用户通过95598热线来电，咨询居民阶梯电价和峰谷分时电价的具体执行标准，以及如何办理峰谷电价的申请手续，客户希望在工作日下午三点以后联系。',
    '客户表示本月电费账单金额明显高于往月同期水平，怀疑电能表计量不准，要求上门校验电表，客户情绪较为急躁，请优先安排处理，并在规定时限内将处理意见反馈至客服中心。',
    '客户反映楼道内公用照明线路老化严重，存在安全隐患，希望供电公司尽快派人到现场检查处理。请相关单位核实情况后及时联系客户，答复处理结果，客户要求处理完毕后回访。',
    '客户询问新建住宅办理低压居民用电报装需要准备哪些材料，办理时限是多久，能否在网上办理，已告知可通过网上国网、营业厅等渠道申请，客户要求书面答复。',
    '客户称已通过网上国网缴清欠费，但至今仍未恢复供电，请求尽快安排复电并说明未复电原因，客户同时咨询了电费缴纳渠道，已告知可通过银行代扣和营业厅等方式缴费。'];
  lo bigint := 1;
  hi bigint;
  started timestamptz := clock_timestamp();
BEGIN
  IF array_length(unit_slots, 1) <> 10000 OR array_position(unit_slots, NULL) IS NOT NULL THEN
    RAISE EXCEPTION 'unit weights did not fill 10,000 slots';
  END IF;
  IF per_day > 999999 THEN
    RAISE EXCEPTION 'more than 999,999 orders a day do not fit the yyyyMMdd + 6-digit numbers';
  END IF;
  PERFORM setseed(0.5);
  WHILE lo <= total LOOP
    hi := least(lo + chunk - 1, total);
    WITH rows AS (
      SELECT g.i,
             first_day + ((g.i - 1) / per_day)::int AS day,
             ((g.i - 1) % per_day + 1)::int AS seq,
             unit_slots[1 + floor(random() * 10000)::int] AS u,
             types[1 + floor(random() * 100)::int] AS type,
             random() AS r_open, random() AS r_status, random() AS r_x, random() AS r_y, random() AS r_time, random() AS r_close,
             md5(g.i::text || random()::text) AS h
      FROM generate_series(lo, hi) AS g(i)
      OFFSET 0
    ), shaped AS (
      SELECT r.*,
             ((r.day + make_interval(secs => 86400.0 / per_day * (r.seq - 1 + 0.9 * r.r_time)))::timestamp AT TIME ZONE 'Asia/Shanghai') AS created_at,
             CASE WHEN r.type = 'praise' OR r.r_open >= 0.05 THEN 'archived'
                  WHEN units[r.u] = 'sgcc-csc' THEN 'accepted'
                  ELSE open_below[1 + floor(r.r_status * 8)::int] END AS status
      FROM rows r
    ), orders AS (
      INSERT INTO work_orders (id, number, type, subtype, channel, content, grade, accepting_unit, responsible_unit, route, status, rule_version,
                               created_at, updated_at, closed_at, version,
                               customer_address, customer_area_code, customer_class, customer_customer_number, customer_name, customer_phone)
      SELECT (lpad(to_hex((extract(epoch FROM s.created_at) * 1000)::bigint), 12, '0') || '7' || substr(s.h, 1, 3) || '8' || substr(s.h, 4, 15))::uuid,
             to_char(s.day, 'YYYYMMDD') || lpad(s.seq::text, 6, '0'),
             s.type,
             CASE WHEN s.type = 'serviceRequest' THEN subtypes[1 + floor(s.r_x * 9)::int] END,
             channels[1 + floor(s.r_y * 20)::int],
             contents[1 + floor(s.r_x * 6)::int],
             CASE WHEN s.type = 'faultRepair' THEN (CASE WHEN s.r_y < 0.2 THEN 'urgent' ELSE 'general' END)
                  WHEN s.type = 'complaint' THEN (CASE WHEN s.r_y < 0.6 THEN 'general' WHEN s.r_y < 0.9 THEN 'important' WHEN s.r_y < 0.98 THEN 'major' ELSE 'special' END) END,
             'sgcc-csc', units[s.u], routes[s.u], s.status, rule,
             s.created_at,
             CASE WHEN s.status = 'archived' THEN least(s.created_at + make_interval(secs => 3600 + s.r_close * 10 * 86400), now())
                  ELSE least(s.created_at + make_interval(secs => s.r_close * 2 * 86400), now()) END,
             CASE WHEN s.status = 'archived' THEN least(s.created_at + make_interval(secs => 3600 + s.r_close * 10 * 86400), now()) END,
             1,
             prefixes[s.u] || streets[1 + floor(s.r_time * 10)::int] || (1 + floor(s.r_close * 300)::int) || '号',
             area_codes[s.u],
             CASE WHEN s.r_y < 0.85 THEN 'resident' WHEN s.r_y < 0.97 THEN 'lowVoltage' WHEN s.r_y < 0.99 THEN 'highVoltageSingle' ELSE 'highVoltageDual' END,
             CASE WHEN s.r_status < 0.7 THEN lpad((('x' || substr(s.h, 20, 12))::bit(48)::bigint % 10000000000)::text, 10, '0') END,
             surnames[1 + floor(s.r_x * 18)::int] || given[1 + floor(s.r_time * 20)::int],
             '1' || (3 + floor(s.r_open * 7)::int) || lpad((('x' || substr(s.h, 8, 12))::bit(48)::bigint % 1000000000)::text, 9, '0')
      FROM shaped s
      RETURNING id, type, created_at
    )
    INSERT INTO work_order_events (work_order_id, sequence, action, from_status, to_status, actor, at, comment, reason, attachments, changes)
    SELECT o.id, 1, 'accept', NULL, CASE WHEN o.type = 'praise' THEN 'archived' ELSE 'accepted' END,
           'agent.' || lpad((abs(hashtext(o.id::text)) % 200)::text, 3, '0'), o.created_at, NULL, NULL, '[]', '{"route":["sgcc-csc"]}'
    FROM orders o;
    COMMIT;
    RAISE NOTICE '% of % orders loaded (% elapsed)', hi, total, date_trunc('second', clock_timestamp() - started);
    lo := hi + 1;
  END LOOP;
END $$;

\echo rebuilding the secondary indexes
SELECT indexdef || ';' FROM bench_indexes ORDER BY indexname \gexec
ALTER TABLE work_orders RESET (autovacuum_enabled);
ALTER TABLE work_order_events RESET (autovacuum_enabled);

-- The count roll-up, when the schema has it: one pass over the orders.
DO $$
BEGIN
  IF to_regclass('work_order_counts') IS NOT NULL THEN
    DELETE FROM work_order_counts;
    IF to_regclass('work_order_count_deltas') IS NOT NULL THEN
      DELETE FROM work_order_count_deltas;
    END IF;
    INSERT INTO work_order_counts (responsible_unit, type, status, count)
    SELECT responsible_unit, type, status, count(*) FROM work_orders GROUP BY responsible_unit, type, status;
    RAISE NOTICE 'work_order_counts: % rows', (SELECT count(*) FROM work_order_counts);
  ELSE
    RAISE NOTICE 'no work_order_counts table in this schema: roll-up not filled';
  END IF;
END $$;

\echo VACUUM ANALYZE
VACUUM (ANALYZE) work_orders;
VACUUM (ANALYZE) work_order_events;
ANALYZE;
CHECKPOINT;

SELECT count(*) AS orders, count(*) FILTER (WHERE closed_at IS NULL) AS open,
       min(created_at)::date AS first_day, max(created_at)::date AS last_day FROM work_orders;
SELECT responsible_unit, count(*) AS orders, count(*) FILTER (WHERE closed_at IS NULL) AS open
FROM work_orders GROUP BY responsible_unit ORDER BY orders DESC LIMIT 10;
SELECT pg_size_pretty(pg_total_relation_size('work_orders')) AS work_orders, pg_size_pretty(pg_total_relation_size('work_order_events')) AS events,
       pg_size_pretty(pg_database_size(current_database())) AS database;
