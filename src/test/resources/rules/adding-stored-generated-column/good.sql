ALTER TABLE users ADD COLUMN email_lower text;
