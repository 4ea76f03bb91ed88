-- dialect: mariadb
SET SESSION lock_wait_timeout = 5;
ALTER TABLE users ADD COLUMN token CHAR(36) NOT NULL DEFAULT (UUID()), ALGORITHM=COPY;
