CREATE TABLE import_staging (id bigint PRIMARY KEY, payload jsonb);
-- a table created earlier in the same migration holds no data yet
TRUNCATE TABLE import_staging;
