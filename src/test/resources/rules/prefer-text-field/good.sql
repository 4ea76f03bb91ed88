CREATE TABLE users (email text NOT NULL CONSTRAINT users_email_length CHECK (char_length(email) <= 320));
