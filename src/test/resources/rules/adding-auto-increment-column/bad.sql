ALTER TABLE items ADD COLUMN number bigserial;
