ALTER TABLE orders ADD COLUMN status VARCHAR(20) NOT NULL DEFAULT 'new';
ALTER TABLE orders ADD COLUMN note TEXT;

CREATE INDEX orders_status_placed_at_idx ON orders (status, placed_at);
