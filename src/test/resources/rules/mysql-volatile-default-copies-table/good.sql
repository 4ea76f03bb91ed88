-- dialect: mariadb
SET SESSION lock_wait_timeout = 5;
-- a default every existing row shares is stored once: instant
ALTER TABLE users ADD COLUMN created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, ALGORITHM=INSTANT;
