-- server-version: 11
-- transactional: false
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded';
