TRUNCATE TABLE sessions, session_events;
