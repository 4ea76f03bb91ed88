-- dialect: mysql
ALTER TABLE orders MODIFY amount DECIMAL(12,2) NOT NULL;
