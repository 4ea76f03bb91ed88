SET lock_timeout = '5s';
ALTER TABLE orders ADD COLUMN amount_new numeric(12,2);
