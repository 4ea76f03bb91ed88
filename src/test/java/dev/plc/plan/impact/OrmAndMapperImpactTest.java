package dev.plc.plan.impact;

import dev.plc.repo.FixtureRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Mappers and ORM models, on small fixtures. */
class OrmAndMapperImpactTest {

    @TempDir
    Path dir;

    private final ImpactFinder finder = new ImpactFinder();

    private List<ImpactedCode> find(FixtureRepo repo, SchemaReference reference) {
        return finder.find(repo.index(), List.of(reference));
    }

    @Test
    void myBatisMapperStatementsFragmentsAndResultMapsOfTheTable() {
        String mapper = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE mapper PUBLIC "-//mybatis.org//DTD Mapper 3.0//EN" "https://mybatis.org/dtd/mybatis-3-mapper.dtd">
                <mapper namespace="shop.OrderMapper">
                  <resultMap id="order" type="shop.Order">
                    <result column="status" property="status"/>
                  </resultMap>
                  <sql id="cols">id, status</sql>
                  <select id="open" resultMap="order">
                    SELECT <include refid="cols"/>
                    FROM orders
                    WHERE status = 'new'
                  </select>
                  <select id="invoices" resultType="map">
                    SELECT status FROM invoices
                  </select>
                </mapper>
                """;
        List<ImpactedCode> found = find(FixtureRepo.in(dir).file("src/main/resources/shop/OrderMapper.xml", mapper),
                SchemaReference.column("orders", "status", "rename_column"));

        assertThat(found).extracting(ImpactedCode::line, ImpactedCode::kind).containsExactly(
                tuple(5, "mybatis-xml"), tuple(7, "mybatis-xml"), tuple(11, "mybatis-xml"));
    }

    @Test
    void myBatisMapperOfAnotherTableIsNotReported() {
        String mapper = """
                <mapper namespace="shop.InvoiceMapper">
                  <resultMap id="i" type="shop.Invoice"><result column="status" property="status"/></resultMap>
                  <select id="all">SELECT status FROM invoices</select>
                </mapper>
                """;
        assertThat(find(FixtureRepo.in(dir).file("mappers/InvoiceMapper.xml", mapper),
                SchemaReference.column("orders", "status", "rename_column"))).isEmpty();
    }

    @Test
    void djangoModelFieldsWithDefaultAndExplicitNames() {
        String models = """
                from django.db import models


                class Order(models.Model):
                    customer = models.ForeignKey("Customer", on_delete=models.CASCADE)
                    status = models.CharField(max_length=20)
                    note = models.TextField(db_column="remark", null=True)

                    class Meta:
                        ordering = ["id"]


                class Invoice(models.Model):
                    status = models.CharField(max_length=20)
                """;
        FixtureRepo repo = FixtureRepo.in(dir).file("shop/models.py", models);

        assertThat(find(repo, SchemaReference.column("shop_order", "status", "rename_column")))
                .extracting(ImpactedCode::line, ImpactedCode::kind).containsExactly(tuple(6, "orm-model"));
        assertThat(find(repo, SchemaReference.column("shop_order", "customer_id", "set_not_null")))
                .extracting(ImpactedCode::line).containsExactly(5);
        assertThat(find(repo, SchemaReference.column("shop_order", "remark", "drop_column")))
                .extracting(ImpactedCode::line).containsExactly(7);
        assertThat(find(repo, SchemaReference.column("shop_order", "note", "drop_column"))).isEmpty();
    }

    @Test
    void djangoDbTableNamesTheTable() {
        String models = """
                from django.db import models

                class Order(models.Model):
                    status = models.CharField(max_length=20)

                    class Meta:
                        db_table = "orders"
                """;
        FixtureRepo repo = FixtureRepo.in(dir).file("shop/models.py", models);

        assertThat(find(repo, SchemaReference.column("orders", "status", "rename_column"))).extracting(ImpactedCode::line)
                .containsExactly(4);
        assertThat(find(repo, SchemaReference.table("orders", "rename_table"))).extracting(ImpactedCode::line)
                .containsExactly(3, 7);
    }

    @Test
    void prismaModelFieldsWithMapAndWithoutRelationFields() {
        String schema = """
                model Order {
                  id         Int      @id @default(autoincrement())
                  customer   Customer @relation(fields: [customerId], references: [id])
                  customerId Int      @map("customer_id")
                  status     String
                  @@map("orders")
                }

                model Customer {
                  id     Int     @id
                  orders Order[]
                  status String
                }
                """;
        FixtureRepo repo = FixtureRepo.in(dir).file("prisma/schema.prisma", schema);

        assertThat(find(repo, SchemaReference.column("orders", "customer_id", "rename_column")))
                .extracting(ImpactedCode::line, ImpactedCode::kind).containsExactly(tuple(4, "orm-model"));
        assertThat(find(repo, SchemaReference.column("orders", "status", "drop_column"))).extracting(ImpactedCode::line)
                .containsExactly(5);
        assertThat(find(repo, SchemaReference.table("orders", "rename_table"))).extracting(ImpactedCode::line)
                .containsExactly(1, 6);
    }

    @Test
    void typeOrmEntityColumnsByNameOptionOrPropertyName() {
        String entity = """
                import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

                @Entity({ name: "orders" })
                export class Order {
                  @PrimaryGeneratedColumn()
                  id!: number;

                  @Column({ name: "total_cents" })
                  totalCents!: number;

                  @Column()
                  status!: string;
                }
                """;
        FixtureRepo repo = FixtureRepo.in(dir).file("src/order.entity.ts", entity);

        assertThat(find(repo, SchemaReference.column("orders", "total_cents", "alter_column_type")))
                .extracting(ImpactedCode::line, ImpactedCode::kind).containsExactly(tuple(8, "orm-model"));
        assertThat(find(repo, SchemaReference.column("orders", "status", "rename_column"))).extracting(ImpactedCode::line)
                .containsExactly(11);
    }

    @Test
    void jpaEntityWithoutTableAnnotationMapsBySnakeCaseNamingAndImplicitColumns() {
        String entity = """
                package shop;

                import jakarta.persistence.*;

                @Entity
                public class OrderLine {
                    @Id
                    private Long id;
                    private int unitPrice;
                    @ManyToOne
                    private Order order;
                    @Transient
                    private int unitPriceCache;

                    public int getUnitPrice() {
                        int unitPrice = 0;
                        return unitPrice;
                    }
                }
                """;
        FixtureRepo repo = FixtureRepo.in(dir).file("src/main/java/shop/OrderLine.java", entity);

        assertThat(find(repo, SchemaReference.column("order_line", "unit_price", "rename_column")))
                .extracting(ImpactedCode::line, ImpactedCode::kind).containsExactly(tuple(9, "jpa-entity"));
        assertThat(find(repo, SchemaReference.column("order_line", "order_id", "drop_column"))).extracting(ImpactedCode::line)
                .containsExactly(11);
        assertThat(find(repo, SchemaReference.column("order_lines", "unit_price", "rename_column"))).isEmpty();
        assertThat(find(repo, SchemaReference.table("order_line", "drop_table"))).extracting(ImpactedCode::line).containsExactly(6);
    }

    @Test
    void kotlinJpaEntityConstructorProperties() {
        String entity = """
                package shop

                import jakarta.persistence.*

                @Entity
                @Table(name = "customers")
                class Customer(
                    @Id val id: Long,
                    @Column(name = "full_name", nullable = false)
                    val fullName: String,
                    val email: String,
                )
                """;
        FixtureRepo repo = FixtureRepo.in(dir).file("src/main/kotlin/shop/Customer.kt", entity);

        assertThat(find(repo, SchemaReference.column("customers", "full_name", "drop_column"))).extracting(ImpactedCode::line)
                .containsExactly(9);
        assertThat(find(repo, SchemaReference.column("customers", "email", "rename_column"))).extracting(ImpactedCode::line)
                .containsExactly(11);
    }

    @Test
    void springDataJpqlQueryUsesTheFieldNotTheColumn() {
        FixtureRepo repo = FixtureRepo.in(dir)
                .file("src/main/java/shop/Customer.java", """
                        package shop;
                        @jakarta.persistence.Entity
                        @jakarta.persistence.Table(name = "customers")
                        public class Customer {
                            private Long id;
                            private String fullName;
                            private String fullNameAlias;
                        }
                        """)
                .file("src/main/java/shop/CustomerRepository.java", """
                        package shop;
                        import org.springframework.data.jpa.repository.*;
                        public interface CustomerRepository extends JpaRepository<Customer, Long> {
                            List<Customer> findByFullNameIgnoreCase(String name);
                            List<Customer> findByFullNameAlias(String name);
                            @Query("select c from Customer c where c.fullName like ?1")
                            List<Customer> search(String pattern);
                        }
                        """);

        assertThat(find(repo, SchemaReference.column("customers", "full_name", "rename_column")))
                .extracting(ImpactedCode::file, ImpactedCode::line, ImpactedCode::kind).containsExactly(
                        tuple("src/main/java/shop/Customer.java", 6, "jpa-entity"),
                        tuple("src/main/java/shop/CustomerRepository.java", 4, "spring-data"),
                        tuple("src/main/java/shop/CustomerRepository.java", 6, "spring-data"));
    }
}
