CREATE TABLE accounts (country_code text CHECK (char_length(country_code) = 2), name character varying);
