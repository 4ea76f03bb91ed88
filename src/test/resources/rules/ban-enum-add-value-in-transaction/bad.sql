-- server-version: 11
ALTER TYPE order_status ADD VALUE 'refunded';
