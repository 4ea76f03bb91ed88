SET lock_timeout = '5s';
ALTER TABLE users ADD COLUMN token uuid;
ALTER TABLE users ALTER COLUMN token SET DEFAULT gen_random_uuid();
-- PostgreSQL 11+: a non-volatile default (now() is STABLE) is stored in the catalog, no rewrite
ALTER TABLE users ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
