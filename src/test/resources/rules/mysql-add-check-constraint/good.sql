-- dialect: mariadb
-- a table created in the same migration holds no rows: the copy is free
CREATE TABLE refunds (id BIGINT AUTO_INCREMENT PRIMARY KEY, amount INT NOT NULL, CONSTRAINT chk_refunds_amount CHECK (amount >= 0));
