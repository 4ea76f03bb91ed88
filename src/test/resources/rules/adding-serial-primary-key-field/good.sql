SET lock_timeout = '5s';
-- after CREATE UNIQUE INDEX CONCURRENTLY items_pkey ON items (id); in its own migration
ALTER TABLE items ADD CONSTRAINT items_pkey PRIMARY KEY USING INDEX items_pkey;
