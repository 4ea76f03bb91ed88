-- dialect: mysql
SET SESSION lock_wait_timeout = 5;
ALTER TABLE users ADD COLUMN nickname VARCHAR(64) NULL, ADD INDEX idx_users_nickname (nickname), ALGORITHM=INPLACE, LOCK=NONE;
