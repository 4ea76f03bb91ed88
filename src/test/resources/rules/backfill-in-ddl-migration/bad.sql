ALTER TABLE users ADD COLUMN status text;
UPDATE users SET status = 'active';
