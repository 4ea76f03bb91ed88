CREATE TABLE users (email varchar(255) NOT NULL);
