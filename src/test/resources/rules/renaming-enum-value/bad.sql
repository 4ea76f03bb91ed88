ALTER TYPE order_status RENAME VALUE 'sent' TO 'shipped';
