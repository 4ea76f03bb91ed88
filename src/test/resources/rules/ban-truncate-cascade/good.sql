SET lock_timeout = '5s';
-- plc:ignore ban-truncate-table sessions and session_events only hold login tokens; users log in again
TRUNCATE TABLE sessions, session_events;
