package com.example.shop.order;

import static com.example.shop.db.Tables.ORDERS;

import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
public class OrderQueries {

    private final DSLContext dsl;

    public OrderQueries(DSLContext dsl) {
        this.dsl = dsl;
    }

    public List<Long> openOrderIds(long customerId) {
        return dsl.select(ORDERS.ID)
                .from(ORDERS)
                .where(ORDERS.CUSTOMER_ID.eq(customerId))
                .and(ORDERS.STATUS.eq("new"))
                .fetch(ORDERS.ID);
    }
}
