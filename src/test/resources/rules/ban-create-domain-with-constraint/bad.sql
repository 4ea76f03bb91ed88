CREATE DOMAIN email AS text CHECK (position('@' in VALUE) > 1);
