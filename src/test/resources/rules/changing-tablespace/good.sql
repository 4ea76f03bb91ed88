-- transactional: false
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_created_at_idx_new ON orders (created_at) TABLESPACE fast_ssd;
DROP INDEX CONCURRENTLY IF EXISTS orders_created_at_idx;
ALTER INDEX orders_created_at_idx_new RENAME TO orders_created_at_idx;
