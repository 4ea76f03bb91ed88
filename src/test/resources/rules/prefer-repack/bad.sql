-- transactional: false
VACUUM FULL orders;
