-- dialect: mysql
UPDATE orders SET status = 'archived' WHERE created_at < '2020-01-01' LIMIT 1000;
