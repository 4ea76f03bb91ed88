-- transactional: false
SET lock_timeout = '5s';
ALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY;
