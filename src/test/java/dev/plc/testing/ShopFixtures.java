package dev.plc.testing;

/** Code added to copies of the example shop by tests: a JPA entity with a relation, and a loop that reads it per row. */
public final class ShopFixtures {

    private ShopFixtures() {
    }

    /** The orders table as a JPA entity, with a lazy {@code @ManyToOne} to Customer. */
    public static final String ORDER_ENTITY = """
            package com.example.shop.order;

            import com.example.shop.customer.Customer;
            import jakarta.persistence.*;

            @Entity
            @Table(name = "orders")
            public class Order {
                @Id
                private Long id;
                @ManyToOne(fetch = FetchType.LAZY)
                @JoinColumn(name = "customer_id")
                private Customer customer;
                @Column(name = "total_cents")
                private int totalCents;
                @Column(name = "status")
                private String status;

                public Customer getCustomer() { return customer; }
            }
            """;

    /** A loop over orders that reads each order's customer (line 10): an N+1. */
    public static final String RECEIPT_MAILER = """
            package com.example.shop.order;

            import java.util.ArrayList;
            import java.util.List;

            class ReceiptMailer {
                List<String> recipients(List<Order> orders) {
                    List<String> out = new ArrayList<>();
                    for (Order order : orders) {
                        out.add(order.getCustomer().getEmail());
                    }
                    return out;
                }
            }
            """;
}
