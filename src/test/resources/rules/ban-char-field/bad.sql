CREATE TABLE accounts (country_code char(2));
