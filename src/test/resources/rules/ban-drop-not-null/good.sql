SET lock_timeout = '5s';
ALTER TABLE users ALTER COLUMN nickname SET DEFAULT '';
