-- The labelled hazard corpus, PostgreSQL part (read by `bench --sections hazards` and HazardCorpusTest).
-- One snippet per "-- id:" header; the header lines that follow it:
--   dialect: postgresql | mysql | mariadb
--   label: unsafe | safe
--   expect: our rule ids that name the hazard (unsafe; any one of them counts as caught with the expected kind)
--   squawk: squawk's rule names for the same hazard (unsafe; omitted where squawk has no such rule)
--   why: one line, the hazard or why the rewrite is safe
--   transactional: false when the migration runs outside a transaction (default true, Flyway's default)
--   server-version: the server's major version when the hazard depends on it (default: a current one)
--   known-miss: our linter misses it, and why (the regression test accepts only these misses)
-- Tables named in a snippet exist and hold data unless the snippet creates them.

-- id: pg-add-required-column
-- dialect: postgresql
-- label: unsafe
-- expect: adding-required-field
-- squawk: adding-required-field
-- why: a NOT NULL column without a default has no value for existing rows: the ALTER fails on a populated table
ALTER TABLE orders ADD COLUMN status text NOT NULL;

-- id: pg-add-column-volatile-default
-- dialect: postgresql
-- label: unsafe
-- expect: adding-field-with-default
-- squawk: adding-field-with-default
-- why: a volatile default is evaluated per row, so PostgreSQL rewrites the whole table under ACCESS EXCLUSIVE
ALTER TABLE orders ADD COLUMN public_id uuid DEFAULT gen_random_uuid();

-- id: pg10-add-column-with-default
-- dialect: postgresql
-- server-version: 10
-- label: unsafe
-- expect: adding-field-with-default
-- squawk: adding-field-with-default
-- why: before PostgreSQL 11 any DEFAULT on ADD COLUMN rewrites the table under ACCESS EXCLUSIVE
ALTER TABLE orders ADD COLUMN source text DEFAULT 'web';

-- id: pg-change-column-type
-- dialect: postgresql
-- label: unsafe
-- expect: changing-column-type
-- squawk: changing-column-type
-- why: the type change rewrites the table and its indexes while reads and writes wait
ALTER TABLE orders ALTER COLUMN amount TYPE numeric(12, 2);

-- id: pg-change-column-type-using
-- dialect: postgresql
-- label: unsafe
-- expect: changing-column-type
-- squawk: changing-column-type
-- why: int -> bigint with USING rewrites the whole table under ACCESS EXCLUSIVE
ALTER TABLE events ALTER COLUMN id TYPE bigint USING id::bigint;

-- id: pg-rename-column
-- dialect: postgresql
-- label: unsafe
-- expect: renaming-column
-- squawk: renaming-column
-- why: running instances still read and write the old name and fail until they are all redeployed
ALTER TABLE orders RENAME COLUMN note TO remark;

-- id: pg-rename-table
-- dialect: postgresql
-- label: unsafe
-- expect: renaming-table
-- squawk: renaming-table
-- why: every query of the running release names the old table
ALTER TABLE orders RENAME TO purchases;

-- id: pg-drop-column
-- dialect: postgresql
-- label: unsafe
-- expect: ban-drop-column
-- squawk: ban-drop-column
-- why: data is lost for good and code that still maps the column breaks
ALTER TABLE orders DROP COLUMN legacy_code;

-- id: pg-drop-table
-- dialect: postgresql
-- label: unsafe
-- expect: ban-drop-table
-- squawk: ban-drop-table
-- why: rows are lost for good and running queries fail
DROP TABLE order_archive;

-- id: pg-create-index
-- dialect: postgresql
-- label: unsafe
-- expect: require-concurrent-index-creation
-- squawk: require-concurrent-index-creation
-- why: a plain CREATE INDEX blocks every write to the table for the whole build
CREATE INDEX orders_created_at_idx ON orders (created_at);

-- id: pg-create-unique-index
-- dialect: postgresql
-- label: unsafe
-- expect: require-concurrent-index-creation
-- squawk: require-concurrent-index-creation
-- why: a unique index built without CONCURRENTLY blocks writes for the whole build
CREATE UNIQUE INDEX users_email_key ON users (email);

-- id: pg-drop-index
-- dialect: postgresql
-- label: unsafe
-- expect: require-concurrent-index-deletion
-- squawk: require-concurrent-index-deletion
-- why: DROP INDEX takes ACCESS EXCLUSIVE on the table and queues every query behind it
DROP INDEX orders_old_idx;

-- id: pg-add-foreign-key
-- dialect: postgresql
-- label: unsafe
-- expect: constraint-missing-not-valid, adding-foreign-key-constraint
-- squawk: constraint-missing-not-valid, adding-foreign-key-constraint
-- why: validating the key scans the table while writes to both tables are blocked
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);

-- id: pg-add-column-references
-- dialect: postgresql
-- label: unsafe
-- expect: adding-foreign-key-constraint
-- squawk: adding-foreign-key-constraint
-- why: ADD COLUMN ... REFERENCES locks the referenced table against writes too
ALTER TABLE orders ADD COLUMN coupon_id bigint REFERENCES coupons (id);

-- id: pg-add-check
-- dialect: postgresql
-- label: unsafe
-- expect: constraint-missing-not-valid
-- squawk: constraint-missing-not-valid
-- why: the CHECK is verified against every row while the ALTER holds ACCESS EXCLUSIVE
ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0);

-- id: pg-set-not-null
-- dialect: postgresql
-- label: unsafe
-- expect: adding-not-nullable-field
-- squawk: adding-not-nullable-field
-- why: SET NOT NULL scans the whole table under ACCESS EXCLUSIVE
ALTER TABLE orders ALTER COLUMN status SET NOT NULL;

-- id: pg-add-unique-constraint
-- dialect: postgresql
-- label: unsafe
-- expect: disallowed-unique-constraint
-- squawk: disallowed-unique-constraint
-- why: ADD UNIQUE builds its index under ACCESS EXCLUSIVE: reads and writes wait for the build
ALTER TABLE users ADD CONSTRAINT users_email_unique UNIQUE (email);

-- id: pg-add-primary-key
-- dialect: postgresql
-- label: unsafe
-- expect: adding-serial-primary-key-field
-- squawk: adding-serial-primary-key-field
-- why: ADD PRIMARY KEY builds the index and checks for NULLs under ACCESS EXCLUSIVE
ALTER TABLE events ADD PRIMARY KEY (id);

-- id: pg-vacuum-full
-- dialect: postgresql
-- transactional: false
-- label: unsafe
-- expect: prefer-repack
-- squawk: prefer-repack
-- why: VACUUM FULL rewrites the table under ACCESS EXCLUSIVE: reads and writes stop for the whole rewrite
VACUUM FULL orders;

-- id: pg-cluster
-- dialect: postgresql
-- label: unsafe
-- expect: prefer-repack
-- squawk: prefer-repack
-- why: CLUSTER rewrites the table in index order under ACCESS EXCLUSIVE
CLUSTER orders USING orders_created_at_idx;

-- id: pg-reindex
-- dialect: postgresql
-- transactional: false
-- label: unsafe
-- expect: require-concurrent-reindex
-- squawk: require-concurrent-reindex
-- why: a plain REINDEX blocks writes to the table (and reads that would use the index) for the whole rebuild
REINDEX INDEX orders_created_at_idx;

-- id: pg-missing-lock-timeout
-- dialect: postgresql
-- label: unsafe
-- expect: require-timeout-settings
-- squawk: require-timeout-settings, require-lock-timeout
-- why: the instant ALTER waits for ACCESS EXCLUSIVE behind any long query and every later query queues behind it
ALTER TABLE orders ADD COLUMN note text;

-- id: pg11-enum-add-value-in-transaction
-- dialect: postgresql
-- server-version: 11
-- label: unsafe
-- expect: ban-enum-add-value-in-transaction
-- why: before PostgreSQL 12, ALTER TYPE ... ADD VALUE cannot run inside a transaction block: the migration fails
ALTER TYPE order_status ADD VALUE 'refunded';

-- id: pg-serial-primary-key
-- dialect: postgresql
-- label: unsafe
-- expect: prefer-identity, prefer-bigint-over-int
-- squawk: prefer-identity, prefer-bigint-over-int
-- why: a 32-bit serial id runs out at 2^31 and its sequence is owned separately from the table
CREATE TABLE invoices (
    id serial PRIMARY KEY,
    total numeric(12, 2) NOT NULL
);

-- id: pg-varchar-column
-- dialect: postgresql
-- label: unsafe
-- expect: prefer-text-field
-- squawk: prefer-text-field
-- why: raising a varchar(n) limit later is an ALTER TYPE that locks the table; text plus a CHECK does not
CREATE TABLE tags (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name varchar(50) NOT NULL
);

-- id: pg-timestamp-without-time-zone
-- dialect: postgresql
-- label: unsafe
-- expect: prefer-timestamptz
-- squawk: prefer-timestamptz, prefer-timestamp-tz
-- why: timestamp without time zone stores wall-clock readings that shift with the session's zone
CREATE TABLE audit_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    happened_at timestamp NOT NULL
);

-- id: pg-int-primary-key
-- dialect: postgresql
-- label: unsafe
-- expect: prefer-bigint-over-int
-- squawk: prefer-bigint-over-int
-- why: a 32-bit id overflows on a busy table and widening it later rewrites the table
CREATE TABLE sessions (
    id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    token text NOT NULL
);

-- id: pg-transaction-nesting
-- dialect: postgresql
-- label: unsafe
-- expect: transaction-nesting
-- squawk: transaction-nesting
-- why: Flyway already wraps the file in a transaction: the inner COMMIT ends it early and the rest runs unprotected
BEGIN;
SET LOCAL lock_timeout = '5s';
ALTER TABLE orders ADD COLUMN note text;
COMMIT;

-- id: pg-concurrently-in-transaction
-- dialect: postgresql
-- label: unsafe
-- expect: ban-concurrent-index-creation-in-transaction
-- squawk: ban-concurrent-index-creation-in-transaction
-- why: CREATE INDEX CONCURRENTLY cannot run inside the transaction the migration tool opens: the migration fails
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_created_at_idx ON orders (created_at);

-- id: pg-add-serial-column
-- dialect: postgresql
-- label: unsafe
-- expect: adding-auto-increment-column
-- why: a new bigserial column needs nextval() for every existing row: a full rewrite under ACCESS EXCLUSIVE
ALTER TABLE events ADD COLUMN seq bigserial;

-- id: pg-add-stored-generated-column
-- dialect: postgresql
-- label: unsafe
-- expect: adding-stored-generated-column
-- squawk: adding-field-with-default
-- why: the stored value is computed and written for every existing row under ACCESS EXCLUSIVE
ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS ((amount * 100)::bigint) STORED;

-- id: pg-backfill-with-ddl
-- dialect: postgresql
-- label: unsafe
-- expect: backfill-in-ddl-migration
-- why: the whole-table UPDATE runs in the ALTER's transaction, so the ACCESS EXCLUSIVE lock is held for the backfill
SET lock_timeout = '5s';
ALTER TABLE orders ADD COLUMN region text;
UPDATE orders SET region = 'eu';

-- id: pg-truncate-cascade
-- dialect: postgresql
-- label: unsafe
-- expect: ban-truncate-cascade
-- squawk: ban-truncate-cascade
-- why: CASCADE also empties every table with a foreign key to this one
TRUNCATE TABLE customers CASCADE;

-- id: pg-alter-domain-add-constraint
-- dialect: postgresql
-- label: unsafe
-- expect: ban-alter-domain-with-add-constraint
-- squawk: ban-alter-domain-with-add-constraint
-- why: the new constraint is checked against every column of every table that uses the domain, under lock
ALTER DOMAIN email_address ADD CONSTRAINT email_has_at CHECK (VALUE LIKE '%@%');

-- id: pg-safe-add-nullable-column
-- dialect: postgresql
-- label: safe
-- why: a nullable column without default is a catalog change; the lock wait is bounded by lock_timeout
SET lock_timeout = '5s';
SET statement_timeout = '15s';
ALTER TABLE orders ADD COLUMN note text;

-- id: pg-safe-add-column-constant-default
-- dialect: postgresql
-- label: safe
-- why: since PostgreSQL 11 a constant DEFAULT (even with NOT NULL) is stored in the catalog: no rewrite
SET lock_timeout = '5s';
SET statement_timeout = '15s';
ALTER TABLE orders ADD COLUMN source text NOT NULL DEFAULT 'web';

-- id: pg-safe-add-column-default-now
-- dialect: postgresql
-- label: safe
-- why: now() is stable, not volatile: it is evaluated once and stored in the catalog, no rewrite
SET lock_timeout = '5s';
SET statement_timeout = '15s';
ALTER TABLE orders ADD COLUMN imported_at timestamptz DEFAULT now();

-- id: pg-safe-create-index-concurrently
-- dialect: postgresql
-- transactional: false
-- label: safe
-- why: CONCURRENTLY lets reads and writes go on during the build; IF NOT EXISTS makes a retry possible
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_created_at_idx ON orders (created_at);

-- id: pg-safe-drop-index-concurrently
-- dialect: postgresql
-- transactional: false
-- label: safe
-- why: DROP INDEX CONCURRENTLY waits for running queries instead of blocking them
SET lock_timeout = '5s';
DROP INDEX CONCURRENTLY IF EXISTS orders_old_idx;

-- id: pg-safe-reindex-concurrently
-- dialect: postgresql
-- transactional: false
-- label: safe
-- why: REINDEX CONCURRENTLY (PostgreSQL 12+) rebuilds the index without blocking writes
SET lock_timeout = '5s';
REINDEX INDEX CONCURRENTLY orders_created_at_idx;

-- id: pg-safe-foreign-key-not-valid
-- dialect: postgresql
-- label: safe
-- why: NOT VALID skips the scan: only new rows are checked, and the lock is held for an instant
SET lock_timeout = '5s';
SET statement_timeout = '15s';
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;

-- id: pg-safe-validate-constraint
-- dialect: postgresql
-- label: safe
-- why: VALIDATE CONSTRAINT scans under SHARE UPDATE EXCLUSIVE: reads and writes go on
SET lock_timeout = '5s';
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;

-- id: pg-safe-check-not-valid
-- dialect: postgresql
-- label: safe
-- why: NOT VALID adds the CHECK without scanning existing rows
SET lock_timeout = '5s';
SET statement_timeout = '15s';
ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0) NOT VALID;

-- id: pg-add-check-and-validate-in-one-transaction
-- dialect: postgresql
-- label: unsafe
-- expect: constraint-missing-not-valid
-- squawk: constraint-missing-not-valid
-- why: in one transaction the ADD CONSTRAINT's ACCESS EXCLUSIVE lock is still held while VALIDATE scans the table
SET lock_timeout = '5s';
SET statement_timeout = '15s';
ALTER TABLE orders ADD CONSTRAINT orders_status_not_null CHECK (status IS NOT NULL) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_status_not_null;

-- id: pg-safe-set-not-null-after-validated-check
-- dialect: postgresql
-- label: safe
-- why: the CHECK was added NOT VALID by the previous migration; PostgreSQL 12+ skips the SET NOT NULL scan once it is validated
SET lock_timeout = '5s';
SET statement_timeout = '15s';
ALTER TABLE orders VALIDATE CONSTRAINT orders_status_not_null;
ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
ALTER TABLE orders DROP CONSTRAINT orders_status_not_null;

-- id: pg-safe-unique-index-concurrently
-- dialect: postgresql
-- transactional: false
-- label: safe
-- why: the unique index is built without blocking writes, to be attached as a constraint afterwards
SET lock_timeout = '5s';
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_key ON users (email);

-- id: pg-safe-unique-using-index
-- dialect: postgresql
-- label: safe
-- why: USING INDEX attaches an index built concurrently before: no build under the lock
SET lock_timeout = '5s';
SET statement_timeout = '15s';
ALTER TABLE users ADD CONSTRAINT users_email_unique UNIQUE USING INDEX users_email_key;

-- id: pg-safe-primary-key-using-index
-- dialect: postgresql
-- label: safe
-- why: the primary key takes over a unique index built concurrently on a NOT NULL column: no build, no scan
SET lock_timeout = '5s';
SET statement_timeout = '15s';
ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_id_key;

-- id: pg-safe-new-table-with-index-and-fk
-- dialect: postgresql
-- label: safe
-- why: the new table is empty; the foreign key locks orders (SHARE ROW EXCLUSIVE) only for an instant, bounded by lock_timeout
SET lock_timeout = '5s';
CREATE TABLE shipments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id bigint NOT NULL,
    shipped_at timestamptz,
    carrier text NOT NULL,
    CONSTRAINT shipments_carrier_length CHECK (char_length(carrier) <= 50)
);
CREATE INDEX shipments_order_id_idx ON shipments (order_id);
ALTER TABLE shipments ADD CONSTRAINT shipments_order_fk FOREIGN KEY (order_id) REFERENCES orders (id);

-- id: pg-safe-identity-bigint-text-timestamptz
-- dialect: postgresql
-- label: safe
-- why: bigint identity, text and timestamptz: the types squawk and we recommend
CREATE TABLE invoices (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number text NOT NULL,
    issued_at timestamptz NOT NULL DEFAULT now()
);

-- id: pg-safe-set-default
-- dialect: postgresql
-- label: safe
-- why: changing a column's default only touches the catalog; existing rows keep their values
SET lock_timeout = '5s';
SET statement_timeout = '15s';
ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new';

-- id: pg-safe-enum-add-value
-- dialect: postgresql
-- label: safe
-- why: since PostgreSQL 12 ADD VALUE runs inside a transaction (the new value is usable after commit)
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded';

-- id: pg11-safe-enum-add-value-outside-transaction
-- dialect: postgresql
-- server-version: 11
-- transactional: false
-- label: safe
-- why: outside a transaction ADD VALUE works on every version
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded';

-- id: pg-safe-comment-on-column
-- dialect: postgresql
-- label: safe
-- why: a comment is a catalog-only change
COMMENT ON COLUMN orders.note IS 'free text from the checkout form';

-- id: pg-safe-batched-backfill
-- dialect: postgresql
-- label: safe
-- why: a backfill of its own, one bounded batch of rows that still need it, with no DDL holding locks
UPDATE orders SET region = 'eu' WHERE id BETWEEN 1 AND 10000 AND region IS NULL;

-- id: pg-safe-plain-vacuum
-- dialect: postgresql
-- transactional: false
-- label: safe
-- why: plain VACUUM (ANALYZE) takes SHARE UPDATE EXCLUSIVE: reads and writes go on
VACUUM (ANALYZE) orders;

-- id: pg-safe-explicit-transaction-outside-tool
-- dialect: postgresql
-- transactional: false
-- label: safe
-- why: the tool runs the file outside a transaction, so the file's own BEGIN/COMMIT is the only transaction
BEGIN;
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15s';
ALTER TABLE orders ADD COLUMN note text;
COMMIT;

-- id: pg-quoted-identifiers-required-column
-- dialect: postgresql
-- label: unsafe
-- expect: adding-required-field
-- squawk: adding-required-field
-- why: quoted mixed-case names change nothing: existing rows have no value for the NOT NULL column
ALTER TABLE "Orders" ADD COLUMN "Status" text NOT NULL;

-- id: pg-volatile-default-clock-timestamp
-- dialect: postgresql
-- label: unsafe
-- expect: adding-field-with-default
-- squawk: adding-field-with-default
-- why: clock_timestamp() is volatile: every existing row gets its own value, so the table is rewritten
ALTER TABLE orders ADD COLUMN seen_at timestamptz NOT NULL DEFAULT clock_timestamp();

-- id: pg-add-identity-column
-- dialect: postgresql
-- label: unsafe
-- expect: adding-auto-increment-column
-- squawk: adding-field-with-default
-- why: an identity column needs a sequence value for every existing row: a full rewrite under ACCESS EXCLUSIVE
ALTER TABLE events ADD COLUMN event_no bigint GENERATED ALWAYS AS IDENTITY;

-- id: pg-set-data-type
-- dialect: postgresql
-- label: unsafe
-- expect: changing-column-type
-- squawk: changing-column-type
-- why: SET DATA TYPE is ALTER COLUMN TYPE: int -> bigint rewrites the table
ALTER TABLE orders ALTER COLUMN quantity SET DATA TYPE bigint;

-- id: pg-check-in-do-block
-- dialect: postgresql
-- label: unsafe
-- expect: constraint-missing-not-valid
-- squawk: constraint-missing-not-valid
-- why: DDL inside a DO block locks exactly like at top level: the CHECK scans the table under ACCESS EXCLUSIVE
DO $$
BEGIN
    ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0);
END
$$;

-- id: pg-multi-action-alter-with-foreign-key
-- dialect: postgresql
-- label: unsafe
-- expect: constraint-missing-not-valid, adding-foreign-key-constraint
-- squawk: constraint-missing-not-valid, adding-foreign-key-constraint
-- why: the harmless ADD COLUMN hides a foreign key that validates every row while both tables are locked
ALTER TABLE orders ADD COLUMN note text, ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);

-- id: pg-concurrently-inside-explicit-begin
-- dialect: postgresql
-- transactional: false
-- label: unsafe
-- expect: ban-concurrent-index-creation-in-transaction
-- squawk: ban-concurrent-index-creation-in-transaction
-- why: the file's own BEGIN puts CREATE INDEX CONCURRENTLY in a transaction block: it fails
BEGIN;
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_created_at_idx ON orders (created_at);
COMMIT;

-- id: pg-drop-index-concurrently-in-transaction
-- dialect: postgresql
-- label: unsafe
-- expect: ban-concurrent-index-creation-in-transaction
-- squawk: ban-concurrent-index-creation-in-transaction
-- why: DROP INDEX CONCURRENTLY cannot run inside the migration tool's transaction either
DROP INDEX CONCURRENTLY IF EXISTS orders_old_idx;

-- id: pg-lock-timeout-set-too-late
-- dialect: postgresql
-- label: unsafe
-- expect: require-timeout-settings
-- squawk: require-timeout-settings, require-lock-timeout
-- why: the lock timeout comes after the ALTER, so the ALTER's lock wait is unbounded
ALTER TABLE orders ADD COLUMN note text;
SET lock_timeout = '5s';

-- id: pg11-set-not-null-after-validated-check
-- dialect: postgresql
-- server-version: 11
-- label: unsafe
-- expect: adding-not-nullable-field
-- squawk: adding-not-nullable-field
-- why: before PostgreSQL 12 SET NOT NULL scans the table under ACCESS EXCLUSIVE even with a validated CHECK
SET lock_timeout = '5s';
SET statement_timeout = '15s';
ALTER TABLE orders VALIDATE CONSTRAINT orders_status_not_null;
ALTER TABLE orders ALTER COLUMN status SET NOT NULL;

-- id: pg-schema-qualified-index
-- dialect: postgresql
-- label: unsafe
-- expect: require-concurrent-index-creation
-- squawk: require-concurrent-index-creation
-- why: a schema-qualified table is still an existing table: the build blocks its writes
SET lock_timeout = '5s';
CREATE INDEX orders_created_at_idx ON billing.orders (created_at);

-- id: pg-safe-add-quantity-integer-column
-- dialect: postgresql
-- label: safe
-- why: a small counter that never nears 2^31 is fine as integer; the column is nullable and the lock wait bounded
SET lock_timeout = '5s';
SET statement_timeout = '15s';
ALTER TABLE order_items ADD COLUMN quantity integer;

-- id: pg-safe-drop-check-constraint
-- dialect: postgresql
-- label: safe
-- why: dropping a CHECK is a catalog change (instant under a bounded lock wait) and accepts more rows, not fewer
SET lock_timeout = '5s';
SET statement_timeout = '15s';
ALTER TABLE orders DROP CONSTRAINT orders_legacy_check;

-- id: pg-safe-insert-lookup-row
-- dialect: postgresql
-- label: safe
-- why: inserting one reference row locks nothing beyond that row
INSERT INTO order_statuses (code, label) VALUES ('refunded', 'Refunded');

-- id: pg-safe-create-or-replace-view
-- dialect: postgresql
-- label: safe
-- why: a view holds no data; replacing it only waits for queries that use it
SET lock_timeout = '5s';
CREATE OR REPLACE VIEW active_orders AS SELECT id, customer_id, amount FROM orders WHERE status <> 'cancelled';

-- id: pg-add-exclusion-constraint
-- dialect: postgresql
-- label: unsafe
-- expect: adding-exclusion-constraint
-- why: the exclusion constraint's index is built under ACCESS EXCLUSIVE, and EXCLUDE has no NOT VALID or USING INDEX form
SET lock_timeout = '5s';
ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&);

-- id: pg-detach-partition
-- dialect: postgresql
-- label: unsafe
-- expect: require-concurrent-detach-partition
-- why: a plain DETACH PARTITION holds ACCESS EXCLUSIVE on the partitioned table and the partition (PG14+ has CONCURRENTLY)
SET lock_timeout = '5s';
ALTER TABLE events DETACH PARTITION events_2023;

-- id: pg-safe-detach-partition-concurrently
-- dialect: postgresql
-- label: safe
-- transactional: false
-- why: DETACH PARTITION ... CONCURRENTLY takes SHARE UPDATE EXCLUSIVE on the parent: reads and writes go on
SET lock_timeout = '5s';
ALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY;

-- id: pg-set-logged
-- dialect: postgresql
-- label: unsafe
-- expect: changing-table-persistence
-- why: SET LOGGED rewrites the table and its indexes under ACCESS EXCLUSIVE, and writes all of it to the WAL
SET lock_timeout = '5s';
ALTER TABLE events SET LOGGED;

-- id: pg-set-tablespace
-- dialect: postgresql
-- label: unsafe
-- expect: changing-tablespace
-- why: SET TABLESPACE copies the table's files under ACCESS EXCLUSIVE: reads and writes wait for the copy
SET lock_timeout = '5s';
ALTER TABLE orders SET TABLESPACE fast_ssd;

-- id: pg-refresh-materialized-view
-- dialect: postgresql
-- label: unsafe
-- expect: require-concurrent-refresh
-- why: a plain REFRESH holds ACCESS EXCLUSIVE on the view while its query runs: reads of the view wait
REFRESH MATERIALIZED VIEW daily_sales;

-- id: pg-safe-refresh-concurrently
-- dialect: postgresql
-- label: safe
-- why: REFRESH ... CONCURRENTLY takes EXCLUSIVE: reads of the view go on (the view has a unique index)
REFRESH MATERIALIZED VIEW CONCURRENTLY daily_sales;

-- id: pg-lock-table
-- dialect: postgresql
-- label: unsafe
-- expect: ban-lock-table
-- why: LOCK TABLE defaults to ACCESS EXCLUSIVE and holds it for the rest of the migration's transaction
SET lock_timeout = '5s';
LOCK TABLE orders;
ALTER TABLE orders ADD COLUMN note text;

-- id: pg-create-trigger
-- dialect: postgresql
-- label: unsafe
-- expect: adding-trigger
-- why: CREATE TRIGGER takes SHARE ROW EXCLUSIVE (writes wait) and changes what every write of the table does
CREATE TRIGGER orders_audit AFTER UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION audit_row();

-- id: pg-truncate-table
-- dialect: postgresql
-- label: unsafe
-- expect: ban-truncate-table
-- why: TRUNCATE deletes every row of a table in use, for good
SET lock_timeout = '5s';
TRUNCATE TABLE audit_log;

-- id: pg-rename-enum-value
-- dialect: postgresql
-- label: unsafe
-- expect: renaming-enum-value
-- why: running code still writes and reads the old label
ALTER TYPE order_status RENAME VALUE 'sent' TO 'shipped';

-- id: pg-rename-schema
-- dialect: postgresql
-- label: unsafe
-- expect: renaming-schema
-- why: every qualified query and search_path that names the schema breaks
ALTER SCHEMA legacy_billing RENAME TO billing;

-- id: pg-identifier-too-long
-- dialect: postgresql
-- label: unsafe
-- expect: identifier-too-long
-- why: PostgreSQL silently truncates names to 63 bytes: the index exists under another name than the one written
CREATE INDEX CONCURRENTLY IF NOT EXISTS order_items_order_id_product_id_warehouse_id_created_at_status_idx ON order_items (order_id, product_id, warehouse_id, created_at, status);

-- id: pg-smallint-primary-key
-- dialect: postgresql
-- label: unsafe
-- expect: prefer-bigint-over-smallint
-- squawk: prefer-bigint-over-smallint
-- why: a smallint key runs out at 32,767 and widening it rewrites the table and every referencing one
CREATE TABLE coupons (id smallint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, code text NOT NULL);

-- id: pg-unclosed-transaction
-- dialect: postgresql
-- label: unsafe
-- expect: unclosed-transaction
-- transactional: false
-- why: the BEGIN is never committed: the migration's changes are rolled back when the connection closes
BEGIN;
SET LOCAL lock_timeout = '5s';
ALTER TABLE orders ADD COLUMN note text;

-- id: pg-add-column-default-clock-in-expression
-- dialect: postgresql
-- label: unsafe
-- expect: adding-field-with-default
-- squawk: adding-field-with-default
-- why: the volatile call sits inside an expression: every existing row still needs its own value (pg_proc: timeofday is VOLATILE)
SET lock_timeout = '5s';
ALTER TABLE orders ADD COLUMN seen_at text DEFAULT ('seen ' || timeofday());

-- id: pg-add-column-default-random-bytes
-- dialect: postgresql
-- label: unsafe
-- expect: adding-field-with-default
-- squawk: adding-field-with-default
-- why: pgcrypto's gen_random_bytes is VOLATILE: a rewrite of the whole table under ACCESS EXCLUSIVE
SET lock_timeout = '5s';
ALTER TABLE orders ADD COLUMN salt bytea DEFAULT gen_random_bytes(16);

-- id: pg-add-column-default-txid-stable
-- dialect: postgresql
-- label: safe
-- why: txid_current() is STABLE in pg_proc (one value per transaction): the default is stored once, no rewrite on PostgreSQL 11+
SET lock_timeout = '5s';
ALTER TABLE orders ADD COLUMN created_in_tx bigint DEFAULT txid_current();
