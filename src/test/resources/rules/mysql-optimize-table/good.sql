-- dialect: mysql
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders FORCE, ALGORITHM=INPLACE, LOCK=NONE;
