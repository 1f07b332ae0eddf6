-- The database work of one POST /api/work-orders on PostgreSQL, as a pgbench script: the ceiling
-- of a create with no HTTP, no ASP.NET and no EF Core in the way.
--
--   pgbench -n -M prepared -f bench/pgbench-create.sql -D blk_next=1 -D blk_last=0 \
--           -c 32 -j 2 -T 20 -h 127.0.0.1 -p PORT -U postgres closeloop_bench
--
-- -M prepared (or extended) is required (pipeline mode, typed parameters); -D blk_next=1
-- -D blk_last=0 start every client without a block of numbers. Run it against a database the
-- server created (bench/run-intake.sh does all of this).
--
-- What the server does per create (CreateWorkOrder.Handle, WorkOrderNumbers, RowInserter; Npgsql):
--   1. when its block of numbers is used up, reserves the next 50 (one upsert, autocommit);
--   2. one command, one implicit transaction: INSERT work_orders, work_order_events,
--      work_order_count_deltas, idempotency_keys (a reused key is refused by its unique index).
-- Here each client keeps its own block of 50 (the server keeps one per node: same upserts per
-- order), ids are UUIDv7 like Guid.CreateVersion7, columns and value sizes are the server's, and
-- the transaction goes in one pipeline, one round trip, as the server's command does.
-- bench/run-intake.sh deletes the lines ending in "-- deltas" when the schema has no
-- work_order_count_deltas table (servers from before the count roll-up).

\set phone random(13000000000, 19999999999)
\set key random(1, 9000000000000000000)

-- 1. Random bits of the order's UUIDv7; its time part comes from now() inside the transaction,
--    so every statement below computes the same id (the server makes it in memory, no round trip).
\set idhi random(0, 4095)
\set idlo random(0, 999999999999999)

-- 2. The next block of 50 numbers when this client's block is used up (WorkOrderNumbers.ReserveAsync, blockSize 50).
\if :blk_next > :blk_last
INSERT INTO number_sequences (scope, last_value)
VALUES ('{date' || chr(58) || 'yyyyMMdd}{seq' || chr(58) || '000000}|' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'), 50)
ON CONFLICT (scope) DO UPDATE SET last_value = number_sequences.last_value + 50
RETURNING last_value AS blk_last
\gset
\set blk_next :blk_last - 49
\endif

-- 3. The order's transaction.
\startpipeline
BEGIN;
INSERT INTO work_orders (id, accepting_unit, channel, closed_at, content, created_at, grade, number, responsible_unit, route, rule_version, status, subtype, type, updated_at, version,
                         customer_address, customer_area_code, customer_class, customer_customer_number, customer_name, customer_phone)
VALUES ((lpad(to_hex((extract(epoch FROM now()) * 1000)::bigint), 12, '0') || '7' || lpad(to_hex(:idhi::bigint), 3, '0') || '8' || lpad(to_hex(:idlo::bigint), 15, '0'))::uuid, 'sgcc-csc', 'Phone', NULL,
        '今日上午居民用户致电95598服务热线，客户反映楼道内公用照明线路老化严重，存在安全隐患，希望供电公司尽快派人到现场检查处理。请相关单位核实情况后及时联系客户，答复处理结果，客户要求处理完毕后回访。',
        now(), NULL, to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad(:blk_next::text, 6, '0'),
        'sgcc-csc', 'sgcc-csc', 'sgcc-95598@2026.1#823621b8887c', 'accepted', NULL, 'consultation', now(), 1,
        '江苏省南京市江宁区天元中路88号12幢2单元1802室', '320115', NULL, NULL, '王秀英', :phone);
INSERT INTO work_order_events (work_order_id, sequence, action, actor, at, attachments, changes, comment, from_status, reason, to_status)
VALUES ((lpad(to_hex((extract(epoch FROM now()) * 1000)::bigint), 12, '0') || '7' || lpad(to_hex(:idhi::bigint), 3, '0') || '8' || lpad(to_hex(:idlo::bigint), 15, '0'))::uuid, 1, 'accept', 'agent.' || lpad((:client_id % 200)::text, 3, '0'), now(), '[]',
        '{"intake":{"number":"' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad(:blk_next::text, 6, '0')
        || '","type":"consultation","channel":"phone","customer":{"name":"\u738B\u79C0\u82F1","phone":"' || :phone
        || '","address":"\u6C5F\u82CF\u7701\u5357\u4EAC\u5E02\u6C5F\u5B81\u533A\u5929\u5143\u4E2D\u8DEF88\u53F712\u5E622\u5355\u51431802\u5BA4","areaCode":"320115"},'
        || '"content":"\u4ECA\u65E5\u4E0A\u5348\u5C45\u6C11\u7528\u6237\u81F4\u753595598\u670D\u52A1\u70ED\u7EBF\uFF0C\u5BA2\u6237\u53CD\u6620\u697C\u9053\u5185\u516C\u7528\u7167\u660E\u7EBF\u8DEF\u8001\u5316\u4E25\u91CD\uFF0C\u5B58\u5728\u5B89\u5168\u9690\u60A3\uFF0C\u5E0C\u671B\u4F9B\u7535\u516C\u53F8\u5C3D\u5FEB\u6D3E\u4EBA\u5230\u73B0\u573A\u68C0\u67E5\u5904\u7406\u3002\u8BF7\u76F8\u5173\u5355\u4F4D\u6838\u5B9E\u60C5\u51B5\u540E\u53CA\u65F6\u8054\u7CFB\u5BA2\u6237\uFF0C\u7B54\u590D\u5904\u7406\u7ED3\u679C\uFF0C\u5BA2\u6237\u8981\u6C42\u5904\u7406\u5B8C\u6BD5\u540E\u56DE\u8BBF\u3002",'
        || '"acceptingUnit":"sgcc-csc","ruleVersion":"sgcc-95598@2026.1#823621b8887c"},"route":["sgcc-csc"]}',
        NULL, NULL, NULL, 'accepted');
INSERT INTO work_order_count_deltas (delta, responsible_unit, status, type) VALUES (1, 'sgcc-csc', 'accepted', 'consultation'); -- deltas
INSERT INTO idempotency_keys (key, created_at, request_hash, work_order_id)
VALUES ('pgbench-' || :key, now(), '9b91c31cdf965b69d0de89bc00303f58ac630aa793be4b6f404e36d31a88f528',
        (lpad(to_hex((extract(epoch FROM now()) * 1000)::bigint), 12, '0') || '7' || lpad(to_hex(:idhi::bigint), 3, '0') || '8' || lpad(to_hex(:idlo::bigint), 15, '0'))::uuid);
COMMIT;
\endpipeline
\set blk_next :blk_next + 1
