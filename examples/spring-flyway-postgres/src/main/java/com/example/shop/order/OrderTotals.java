package com.example.shop.order;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

@Component
public class OrderTotals {

    private final JdbcTemplate jdbc;

    public OrderTotals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long totalCentsFor(long customerId) {
        Long total = jdbc.queryForObject(
                "SELECT COALESCE(SUM(total_cents), 0) FROM orders WHERE customer_id = ? AND status <> 'cancelled'",
                Long.class, customerId);
        return total == null ? 0 : total;
    }
}
