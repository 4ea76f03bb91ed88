ALTER DOMAIN email ADD CONSTRAINT email_has_at CHECK (position('@' in VALUE) > 1);
