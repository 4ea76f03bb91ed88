-- dialect: mariadb
SET SESSION lock_wait_timeout = 5;
CREATE TABLE coupons (id BIGINT AUTO_INCREMENT PRIMARY KEY, code VARCHAR(32) NOT NULL);
CREATE INDEX idx_coupons_code ON coupons (code);
ALTER TABLE users ADD COLUMN nickname VARCHAR(64) NULL, ALGORITHM=INSTANT;
