CREATE TABLE events (created_at timestamptz NOT NULL DEFAULT now(), seen_at timestamp with time zone);
