-- transactional: false
VACUUM (ANALYZE) orders;
