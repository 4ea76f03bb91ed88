ALTER TABLE users ADD COLUMN settings jsonb;
