-- dialect: mariadb
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD CONSTRAINT chk_orders_amount CHECK (amount >= 0);
