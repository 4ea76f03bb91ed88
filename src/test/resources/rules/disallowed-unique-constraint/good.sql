SET lock_timeout = '5s';
-- after CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email); in its own migration
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;
