-- dialect: mysql
OPTIMIZE TABLE orders;
