ALTER TABLE orders ADD COLUMN amount_new numeric(12,2);
