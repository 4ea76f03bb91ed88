SET lock_timeout = '5s';
ALTER TABLE orders SET TABLESPACE fast_ssd;
ALTER INDEX orders_created_at_idx SET TABLESPACE fast_ssd;
