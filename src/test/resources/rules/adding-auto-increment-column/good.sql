SET lock_timeout = '5s';
CREATE SEQUENCE items_number_seq;
ALTER TABLE items ADD COLUMN number bigint;
ALTER TABLE items ALTER COLUMN number SET DEFAULT nextval('items_number_seq');
