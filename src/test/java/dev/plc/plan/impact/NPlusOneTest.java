package dev.plc.plan.impact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plc.repo.RepoIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Relations of touched tables read inside loops over their rows, in JPA (Java, Kotlin), Django and SQLAlchemy code. */
class NPlusOneTest {

    @TempDir
    Path repo;

    private void write(String path, String content) throws IOException {
        Files.createDirectories(repo.resolve(path).getParent());
        Files.writeString(repo.resolve(path), content);
    }

    private List<String> hints(String... tables) throws IOException {
        return NPlusOne.find(RepoIndex.scan(repo), Set.of(tables)).stream().map(h -> h.file() + ":" + h.line() + " " + h.relation()).toList();
    }

    private void jpaEntities(String customerOrdersAnnotations) throws IOException {
        write("src/main/java/shop/Customer.java", """
                package shop;

                import jakarta.persistence.*;
                import java.util.List;

                @Entity
                @Table(name = "customers")
                public class Customer {
                    @Id
                    private Long id;
                %s
                    private List<Order> orders;

                    public List<Order> getOrders() { return orders; }
                }
                """.formatted(customerOrdersAnnotations));
        write("src/main/java/shop/Order.java", """
                package shop;

                import jakarta.persistence.*;

                @Entity
                @Table(name = "orders")
                public class Order {
                    @Id
                    private Long id;
                    @ManyToOne(fetch = FetchType.LAZY)
                    @JoinColumn(name = "customer_id")
                    private Customer customer;
                    private int totalCents;

                    public Customer getCustomer() { return customer; }
                }
                """);
    }

    private static final String SERVICE = """
            package shop;

            import java.util.List;

            class Reports {
                long orderCount(CustomerRepository customers) {
                    long n = 0;
                    for (Customer c : customers.findAll()) {
                        n += c.getOrders().size();
                    }
                    return n;
                }

                List<String> names(List<Order> orders) {
                    return orders.stream()
                            .map(o -> o.getCustomer().toString())
                            .toList();
                }

                List<Customer> buyers(List<Order> orders) {
                    return orders.stream().map(Order::getCustomer).toList();
                }

                int one(Order order) {
                    return order.getCustomer().hashCode();
                }
            }
            """;

    @Test
    void jpaRelationsOfATouchedTableReadInLoopsAreHintsWithTheirLines() throws IOException {
        jpaEntities("    @OneToMany(mappedBy = \"customer\")");
        write("src/main/java/shop/Reports.java", SERVICE);
        write("src/test/java/shop/ReportsTest.java", SERVICE.replace("class Reports", "class ReportsTest"));
        String reports = "src/main/java/shop/Reports.java";
        assertThat(hints("orders")).containsExactlyInAnyOrder(reports + ":9 Customer.orders", reports + ":16 Order.customer",
                reports + ":21 Order.customer");
        assertThat(hints("public.\"orders\"")).hasSize(3);
        assertThat(hints("customers")).containsExactlyInAnyOrder(reports + ":9 Customer.orders", reports + ":16 Order.customer",
                reports + ":21 Order.customer");
        assertThat(hints("products")).isEmpty();
    }

    @Test
    void theHintSaysHowItIsLoadedAndHowToFetchIt() throws IOException {
        jpaEntities("    @OneToMany(mappedBy = \"customer\")");
        write("src/main/java/shop/Reports.java", SERVICE);
        List<NPlusOne.Hint> hints = NPlusOne.find(RepoIndex.scan(repo), Set.of("orders"));
        assertThat(hints).filteredOn(h -> h.relation().equals("Customer.orders")).singleElement().satisfies(h -> {
            assertThat(h.kind()).isEqualTo("jpa-relation");
            assertThat(h.declared()).isEqualTo("src/main/java/shop/Customer.java:11");
            assertThat(h.message()).contains("@OneToMany, lazy", "one more query per Customer row, on orders", "(N+1)", "the change touches orders");
            assertThat(h.fix()).contains("JOIN FETCH c.orders", "@EntityGraph(attributePaths = \"orders\")", "@BatchSize");
        });
    }

    @Test
    void aBatchedRelationIsNoHintAndAFetchPlanElsewhereIsNamed() throws IOException {
        jpaEntities("    @OneToMany(mappedBy = \"customer\")\n    @BatchSize(size = 50)");
        write("src/main/java/shop/Reports.java", SERVICE);
        write("src/main/java/shop/OrderRepository.java", """
                package shop;

                interface OrderRepository extends org.springframework.data.jpa.repository.JpaRepository<Order, Long> {
                    @org.springframework.data.jpa.repository.Query("select o from Order o join fetch o.customer")
                    java.util.List<Order> withCustomers();
                }
                """);
        List<NPlusOne.Hint> hints = NPlusOne.find(RepoIndex.scan(repo), Set.of("orders"));
        assertThat(hints).extracting(NPlusOne.Hint::relation).containsOnly("Order.customer");
        assertThat(hints).allSatisfy(h -> assertThat(h.message()).contains("a fetch plan for it exists at src/main/java/shop/OrderRepository.java:4"));
    }

    @Test
    void kotlinEntitiesAndLambdasToo() throws IOException {
        write("src/main/kotlin/shop/Order.kt", """
                package shop

                import jakarta.persistence.*

                @Entity
                @Table(name = "orders")
                class Order(
                    @Id val id: Long,
                    @ManyToOne(fetch = FetchType.LAZY) val customer: Customer,
                )
                """);
        write("src/main/kotlin/shop/Customer.kt", """
                package shop

                import jakarta.persistence.*

                @Entity
                @Table(name = "customers")
                class Customer(@Id val id: Long, val name: String)
                """);
        write("src/main/kotlin/shop/Names.kt", """
                package shop

                fun names(orders: List<Order>): List<String> = orders.map { it.customer.name }

                fun print(orders: List<Order>) {
                    for (order in orders) {
                        println(order.customer.name)
                    }
                }
                """);
        assertThat(hints("customers")).containsExactlyInAnyOrder("src/main/kotlin/shop/Names.kt:3 Order.customer",
                "src/main/kotlin/shop/Names.kt:7 Order.customer");
    }

    @Test
    void djangoForeignKeysReadInLoopsUnlessTheQuerysetFetchesThem() throws IOException {
        write("shop/models.py", """
                from django.db import models


                class Customer(models.Model):
                    email = models.CharField(max_length=200)


                class Order(models.Model):
                    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
                    tags = models.ManyToManyField("Tag")
                    total_cents = models.IntegerField()
                """);
        write("shop/views.py", """
                from .models import Order


                def emails():
                    out = []
                    for order in Order.objects.filter(total_cents__gt=0):
                        out.append(order.customer.email)
                    for order in Order.objects.select_related("customer"):
                        out.append(order.customer.email)
                    return out + [o.customer.email for o in Order.objects.all()]


                def ids():
                    return [order.customer_id for order in Order.objects.all()]
                """);
        assertThat(hints("shop_order")).containsExactlyInAnyOrder("shop/views.py:7 Order.customer", "shop/views.py:10 Order.customer");
        assertThat(hints("shop_customer")).hasSize(2);
        assertThat(NPlusOne.find(RepoIndex.scan(repo), Set.of("shop_order")).get(0).fix()).isEqualTo("select_related(\"customer\") on the queryset the loop iterates");
    }

    @Test
    void sqlalchemyRelationshipsLazyByDefaultAndNotWhenSelectin() throws IOException {
        write("app/models.py", """
                from sqlalchemy.orm import Mapped, relationship


                class Customer(Base):
                    __tablename__ = "customers"
                    orders: Mapped[list["Order"]] = relationship(back_populates="customer")


                class Order(Base):
                    __tablename__ = "orders"
                    customer: Mapped["Customer"] = relationship(back_populates="orders", lazy="selectin")
                """);
        write("app/report.py", """
                from app.models import Customer


                def counts(session):
                    for customer in session.query(Customer).all():
                        print(len(customer.orders))
                    for customer in session.query(Customer).options(selectinload(Customer.orders)):
                        print(len(customer.orders))
                """);
        assertThat(NPlusOne.relations(RepoIndex.scan(repo))).containsExactlyInAnyOrder("Customer.orders -> Order", "Order.customer -> Customer (batched)");
        assertThat(hints("orders")).containsExactly("app/report.py:6 Customer.orders");
    }
}
