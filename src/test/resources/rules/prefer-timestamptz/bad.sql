CREATE TABLE events (created_at timestamp NOT NULL, seen_at timestamp without time zone);
