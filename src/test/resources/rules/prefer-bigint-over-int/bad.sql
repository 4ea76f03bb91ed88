CREATE TABLE events (id int PRIMARY KEY, attempts integer NOT NULL);
