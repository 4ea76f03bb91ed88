SET lock_timeout = '5s';
ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0) NOT VALID;
-- the next migration: ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_positive;
