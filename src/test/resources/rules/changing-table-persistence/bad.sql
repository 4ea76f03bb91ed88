SET lock_timeout = '5s';
ALTER TABLE events SET LOGGED;
