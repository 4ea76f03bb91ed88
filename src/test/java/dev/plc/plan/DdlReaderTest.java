package dev.plc.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plc.db.Dialect;
import java.util.List;
import org.junit.jupiter.api.Test;

class DdlReaderTest {

    private final DdlReader pg = new DdlReader(Dialect.POSTGRESQL);
    private final DdlReader maria = new DdlReader(Dialect.MARIADB);

    @Test
    void readsAddColumnKeepingTheTypeAsWritten() {
        Operation op = pg.read("alter table Orders add column if not exists shipped_at TIMESTAMPTZ not null default now()").get(0);
        assertThat(op.kind()).isEqualTo(OperationKind.ADD_COLUMN);
        assertThat(op.table()).isEqualTo("orders");
        assertThat(op.column()).isEqualTo("shipped_at");
        assertThat(op.type()).isEqualTo("TIMESTAMPTZ");
        assertThat(op.isNullable()).isFalse();
        assertThat(op.defaultValue()).isEqualTo("now()");
    }

    @Test
    void readsOnlineDdlThatJooqCannotParseBySettingTheModifiersAside() {
        List<Operation> ops = pg.read("""
                SET lock_timeout = '5s';
                CREATE UNIQUE INDEX CONCURRENTLY orders_x ON orders USING btree (customer_id, placed_at DESC) WHERE status = 'new';
                ALTER TABLE orders ADD CONSTRAINT fk1 FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE NOT VALID;
                DROP INDEX CONCURRENTLY IF EXISTS old_idx;
                """);
        assertThat(ops).extracting(Operation::op).containsExactly("add_index", "add_foreign_key", "drop_index");
        assertThat(ops.get(0).columns()).containsExactly("customer_id", "placed_at");
        assertThat(ops.get(0).isUnique()).isTrue();
        assertThat(ops.get(0).where()).isEqualTo("status = 'new'");
        assertThat(ops.get(1).referencesTable()).isEqualTo("customers");
        assertThat(ops.get(1).referencesColumns()).containsExactly("id");
        assertThat(ops.get(1).onDelete()).isEqualTo("cascade");
        assertThat(ops.get(2).name()).isEqualTo("old_idx");
    }

    @Test
    void readsEveryAlterTableAction() {
        List<Operation> ops = pg.read("""
                ALTER TABLE orders RENAME COLUMN note TO remark;
                ALTER TABLE orders DROP COLUMN legacy;
                ALTER TABLE orders ALTER COLUMN total TYPE bigint USING total::bigint;
                ALTER TABLE orders ALTER COLUMN note SET NOT NULL, ALTER COLUMN note DROP DEFAULT;
                ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new';
                ALTER TABLE orders ADD CONSTRAINT u1 UNIQUE (customer_id, placed_at);
                ALTER TABLE orders ADD CONSTRAINT c1 CHECK (total > 0);
                ALTER TABLE orders DROP CONSTRAINT c1;
                ALTER TABLE orders RENAME TO purchases;
                DROP TABLE legacy_orders;
                """);
        assertThat(ops).extracting(Operation::op).containsExactly("rename_column", "drop_column", "alter_column_type", "set_not_null",
                "drop_default", "set_default", "add_unique", "add_check", "drop_constraint", "rename_table", "drop_table");
        assertThat(ops.get(2).backfill()).isEqualTo("total::bigint");
        assertThat(ops.get(7).condition()).isEqualTo("total > 0");
    }

    @Test
    void readsMysqlSyntax() {
        List<Operation> ops = maria.read("""
                ALTER TABLE posts ADD INDEX posts_title_idx (title), ALGORITHM=INPLACE, LOCK=NONE;
                ALTER TABLE posts MODIFY COLUMN title VARCHAR(500) NOT NULL;
                ALTER TABLE posts DROP FOREIGN KEY posts_author_fk;
                RENAME TABLE posts TO articles;
                """);
        assertThat(ops).extracting(Operation::op).containsExactly("add_index", "alter_column_type", "drop_foreign_key", "rename_table");
        assertThat(ops.get(1).type()).isEqualTo("VARCHAR(500)");
        assertThat(ops.get(1).isNullable()).isFalse();
    }

    @Test
    void readsCreateTableWithInlineAndTableConstraints() {
        List<Operation> ops = pg.read("""
                CREATE TABLE shipments (
                  id bigserial PRIMARY KEY,
                  order_id bigint NOT NULL REFERENCES orders (id),
                  carrier text,
                  amount numeric(10, 2) DEFAULT 0,
                  CONSTRAINT shipments_amount_positive CHECK (amount >= 0)
                )""");
        assertThat(ops).extracting(Operation::op).containsExactly("create_table", "add_foreign_key", "add_check");
        Operation create = ops.get(0);
        assertThat(create.primaryKey()).containsExactly("id");
        assertThat(create.columnDefs()).extracting(Operation.ColumnDef::type).containsExactly("bigserial", "bigint", "text", "numeric(10, 2)");
        assertThat(create.columnDefs().get(3).defaultValue()).isEqualTo("0");
        assertThat(ops.get(2).name()).isEqualTo("shipments_amount_positive");
    }

    @Test
    void aStatementThatDoesNotParseIsAnErrorNamingIt() {
        assertThatThrownBy(() -> pg.read("ALTER TABLE orders ADD COLUMN"))
                .hasMessageContaining("cannot parse the statement `ALTER TABLE orders ADD COLUMN`");
        assertThatThrownBy(() -> pg.read("UPDATE orders SET x = 1"))
                .hasMessageContaining("is not a change plan_change understands");
        assertThatThrownBy(() -> pg.read("  ")).hasMessageContaining("empty");
    }
}
