SET lock_timeout = '5s';
LOCK TABLE orders;
ALTER TABLE orders ADD COLUMN note text;
