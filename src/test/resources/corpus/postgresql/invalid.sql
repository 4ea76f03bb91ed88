-- PostgreSQL changes the server refuses on a fresh copy of base.sql.
-- Each case names, in "-- error:", a stable fragment of the server's message (verified on PostgreSQL 15).

-- case: syntax-error-misspelled-keyword
-- error: syntax error at or near "text"
ALTER TABLE users ADD COLUM bio text;

-- case: syntax-error-missing-type
-- error: syntax error at or near ","
ALTER TABLE users ADD COLUMN bio, ADD COLUMN age integer;

-- case: syntax-error-trailing-comma
-- error: syntax error at or near ")"
CREATE TABLE t (id integer,);

-- case: unknown-table
-- error: relation "user" does not exist
ALTER TABLE "user" ADD COLUMN bio text;

-- case: unknown-column-in-alter
-- error: column "stauts" of relation "orders" does not exist
ALTER TABLE orders ALTER COLUMN stauts SET DEFAULT 'new';

-- case: unknown-column-in-update
-- error: column "nick" of relation "users" does not exist
UPDATE users SET nick = 'x';

-- case: unknown-column-in-index
-- error: column "mail" does not exist
CREATE INDEX users_mail_idx ON users (mail);

-- case: unknown-type
-- error: type "strng" does not exist
ALTER TABLE users ADD COLUMN nickname strng;

-- case: unknown-function-in-default
-- error: function uuid_generate_v7() does not exist
ALTER TABLE users ADD COLUMN public_id uuid DEFAULT uuid_generate_v7();

-- case: unknown-schema
-- error: schema "archive" does not exist
CREATE TABLE archive.orders (id bigint);

-- case: unknown-enum-value
-- error: invalid input value for enum user_status: "banned"
UPDATE users SET status = 'banned' WHERE id = 1;

-- case: enum-add-existing-value
-- error: enum label "active" already exists
ALTER TYPE user_status ADD VALUE 'active';

-- case: duplicate-column
-- error: column "email" of relation "users" already exists
ALTER TABLE users ADD COLUMN email text;

-- case: duplicate-table
-- error: relation "orders" already exists
CREATE TABLE orders (id bigint);

-- case: check-violated-by-existing-rows
-- error: is violated by some row
ALTER TABLE orders ADD CONSTRAINT orders_total_min CHECK (total_cents >= 1000);

-- case: validate-check-violated
-- error: is violated by some row
ALTER TABLE users ADD CONSTRAINT users_has_display_name CHECK (display_name IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_has_display_name;

-- case: unique-index-over-duplicates
-- error: could not create unique index "orders_user_id_key"
CREATE UNIQUE INDEX orders_user_id_key ON orders (user_id);

-- case: unique-constraint-over-duplicates
-- error: Key (plan)=(free) is duplicated
ALTER TABLE accounts ADD CONSTRAINT accounts_plan_key UNIQUE (plan);

-- case: not-null-over-seeded-nulls
-- error: column "display_name" of relation "users" contains null values
ALTER TABLE users ALTER COLUMN display_name SET NOT NULL;

-- case: add-not-null-column-without-default
-- error: column "tenant_id" of relation "users" contains null values
ALTER TABLE users ADD COLUMN tenant_id integer NOT NULL;

-- case: division-by-zero-in-backfill
-- error: division by zero
UPDATE orders SET note = (total_cents / (total_cents - total_cents))::text;

-- case: foreign-key-without-parent-rows
-- error: violates foreign key constraint "comments_score_fkey"
ALTER TABLE comments ADD CONSTRAINT comments_score_fkey FOREIGN KEY (score) REFERENCES users (id);

-- case: validate-foreign-key-without-parent-rows
-- error: violates foreign key constraint "page_views_path_fkey"
ALTER TABLE page_views ADD CONSTRAINT page_views_path_fkey FOREIGN KEY (path) REFERENCES tags (name) NOT VALID;
ALTER TABLE page_views VALIDATE CONSTRAINT page_views_path_fkey;

-- case: type-change-without-using
-- error: cannot be cast automatically to type integer
ALTER TABLE orders ALTER COLUMN currency TYPE integer;

-- case: narrowing-truncates
-- error: value too long for type character varying(5)
ALTER TABLE accounts ALTER COLUMN name TYPE varchar(5);

-- case: drop-column-used-by-view
-- error: cannot drop column display_name of table users because other objects depend on it
ALTER TABLE users DROP COLUMN display_name;

-- case: drop-table-referenced
-- error: cannot drop table products because other objects depend on it
DROP TABLE products;

-- case: concurrently-in-transaction
-- error: CREATE INDEX CONCURRENTLY cannot run inside a transaction block
BEGIN;
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
COMMIT;

-- case: truncate-referenced-table
-- error: cannot truncate a table referenced in a foreign key constraint
TRUNCATE users;

-- case: partition-overlap
-- error: would overlap partition "events_2025"
CREATE TABLE events_2025b PARTITION OF events FOR VALUES FROM ('2025-06-01') TO ('2026-06-01');

-- case: partition-row-outside-range
-- error: no partition of relation "events" found for row
INSERT INTO events (kind, created_at) VALUES ('login', '2030-01-01');

-- case: unavailable-extension
-- error: extension "postgis" is not available
CREATE EXTENSION postgis;

-- case: unique-violation-in-backfill
-- error: duplicate key value violates unique constraint "users_email_key"
UPDATE users SET email = 'same@example.com';

-- case: domain-check-violated-by-backfill
-- error: violates check constraint "email_address_check"
UPDATE users SET email = 'not an email' WHERE id = 1;

-- case: identity-always-explicit-value
-- error: cannot insert a non-DEFAULT value into column "id"
INSERT INTO accounts (id, user_id, name) VALUES (99, 1, 'x');

-- case: plpgsql-body-error-at-run-time
-- error: column "nope" does not exist
DO $$
BEGIN
    UPDATE users SET login_count = nope;
END
$$;

-- case: refresh-concurrently-without-unique-index
-- error: cannot refresh materialized view "public.monthly_revenue" concurrently
CREATE MATERIALIZED VIEW monthly_revenue AS SELECT date_trunc('month', placed_at) AS month, sum(total_cents) AS cents FROM orders GROUP BY 1;
REFRESH MATERIALIZED VIEW CONCURRENTLY monthly_revenue;
