-- transactional: false
SET lock_timeout = '5s';
REINDEX INDEX CONCURRENTLY orders_created_at_idx;
