package dev.plc.plan;

import dev.plc.schema.catalog.Catalog;
import dev.plc.sql.Identifiers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A staged column rename or type change that ends where the statement as written ends: a new column defined as the
 * database defines the column after the statement (type, NOT NULL, default, collation, comment, ON UPDATE), kept in
 * sync with the old one by a trigger for every writer (old code included, as pgroll and GitLab's
 * {@code rename_column_concurrently} do), backfilled, given a copy of every index, unique constraint, CHECK and
 * foreign key (from it and to it) that involves the old column, built online; then, once no code uses the old column,
 * the trigger and the old column go and the new one takes the final name and the old objects' names.
 *
 * <p>Rename: release 1 adds and syncs, release 2 is code (reads and writes the new name), release 3 drops the old
 * column. Type change: release 1 adds and syncs, release 2 swaps in one transaction (drop the old column, rename the
 * new one to the old name); code keeps using the same name throughout.
 */
final class ColumnReplacement {

    private final PlanContext ctx;
    private final PlanBuilder out;
    private final Ddl ddl;
    private final Catalog catalog;
    private final Catalog.Relation relation;
    private final String table;
    private final Catalog.Column old;
    private final Catalog.Column target;
    private final boolean rename;
    private final String temp;
    private final String finalName;
    private final String rowExpression;
    private final String newRowExpression;
    private final String sync;
    /** The original indexes a copy was built for: MariaDB/MySQL shrink a multi-column index that loses a column, so they are dropped by name. */
    private final List<String> copiedIndexes = new ArrayList<>();
    /** The table's own foreign keys over the old column: MariaDB/MySQL will not drop their index while they exist. */
    private final List<String> ownForeignKeys = new ArrayList<>();

    private ColumnReplacement(PlanContext ctx, PlanBuilder out, Catalog.Relation relation, Catalog.Column old, Catalog.Column target,
                              boolean rename, String temp, String finalName, String using) {
        this.ctx = ctx;
        this.out = out;
        this.ddl = ctx.ddl();
        this.catalog = ctx.catalog();
        this.relation = relation;
        this.table = catalog.displayName(relation);
        this.old = old;
        this.target = target;
        this.rename = rename;
        this.temp = temp;
        this.finalName = finalName;
        if (using != null) {
            this.rowExpression = using;
            this.newRowExpression = Identifiers.replace(using, ddl.dialect(), n -> !n.qualified() && !n.call()
                    && relation.columns().stream().anyMatch(c -> n.is(c.name(), ddl.dialect())) ? "NEW." + ddl.id(columnNamed(n.name())) : null);
        } else {
            // converted on assignment, as ALTER COLUMN TYPE without USING (PostgreSQL) and MODIFY (MariaDB/MySQL) do: a
            // value that does not fit fails the write; an explicit CAST would truncate a varchar(n) silently
            this.rowExpression = ddl.id(old.name());
            this.newRowExpression = "NEW." + ddl.id(old.name());
        }
        this.sync = name("plc_sync_" + relation.name() + "_" + old.name(), "");
    }

    private String columnNamed(String name) {
        return relation.columns().stream().filter(c -> c.name().equalsIgnoreCase(name)).map(Catalog.Column::name).findFirst().orElse(name);
    }

    /** A staged rename of {@code column} to {@code to}. */
    static void rename(PlanContext ctx, PlanBuilder out, String table, String column, String to) {
        Catalog.Relation r = ctx.catalog().relation(table).orElseThrow();
        Catalog.Column old = r.column(column).orElseThrow();
        Catalog.Column target = after(ctx, table, to).orElse(rename(old, to, old.type()));
        new ColumnReplacement(ctx, out, r, old, target, true, target.name(), target.name(), null).plan();
    }

    /** A staged type change of {@code column} to {@code type}, converting with {@code using} (null: the type's cast). */
    static void retype(PlanContext ctx, PlanBuilder out, String table, String column, String type, String using) {
        Catalog.Relation r = ctx.catalog().relation(table).orElseThrow();
        Catalog.Column old = r.column(column).orElseThrow();
        Catalog.Column target = after(ctx, table, column).filter(c -> !c.type().equalsIgnoreCase(old.type())).orElse(rename(old, old.name(), type));
        String temp = freeColumnName(r, old.name() + "_new");
        new ColumnReplacement(ctx, out, r, old, target, false, temp, old.name(), using).plan();
    }

    private static Optional<Catalog.Column> after(PlanContext ctx, String table, String column) {
        return ctx.catalogAfter() == null ? Optional.empty() : ctx.catalogAfter().relation(table).flatMap(t -> t.column(column));
    }

    private static Catalog.Column rename(Catalog.Column c, String name, String type) {
        return new Catalog.Column(name, c.position(), type, c.notNull(), c.defaultValue(), c.identity(), c.generated(), c.collation(),
                c.comment(), c.extra());
    }

    private static String freeColumnName(Catalog.Relation r, String wanted) {
        String name = wanted;
        for (int i = 2; r.column(name).isPresent(); i++) {
            name = wanted + i;
        }
        return name;
    }

    private void plan() {
        out.type("staged");
        String old = this.old.name();
        int contract = rename ? 3 : 2;
        // 1. the new column, nullable and without a default while the trigger fills it (a default would hide what old code writes)
        List<String> add = new ArrayList<>();
        add.add(ddl.alterTable(table) + " ADD COLUMN " + definition(temp, false, false)
                + (ddl.mysql() ? " AFTER " + ddl.id(old) + (ctx.instantAddColumn() ? ", ALGORITHM=INSTANT" : ddl.online("INPLACE")) : "") + ";");
        if (ddl.postgres() && target.comment() != null) {
            add.add("COMMENT ON COLUMN " + ddl.id(table) + "." + ddl.id(temp) + " IS " + literal(target.comment()) + ";");
        }
        out.step("expand", 1, "add column " + table + "." + temp + " " + target.type() + " (nullable and without a default until the contract)",
                ColumnPlanner.withTimeout(ctx, table, add.toArray(String[]::new)), true,
                "Nothing: running code does not know " + temp + ".", List.of(ddl.dropColumn(table, temp)), true,
                "drops the copy; " + old + " still has the data");
        out.step("expand", 1, "keep " + old + " and " + temp + " in sync with a trigger (every writer, old code included)", syncSql(), true,
                rename ? "Old code keeps writing " + old + ", new code writes " + temp + ": the trigger copies each write to the other column."
                        : "Code keeps writing " + old + ": the trigger writes the converted value to " + temp + ".",
                dropSyncSql(), false, null);
        ColumnPlanner.backfill(ctx, out, table, temp, rowExpression, old, 1,
                "The trigger already fills " + temp + " on every write, so the backfill can run right away. ");
        if (target.notNull()) {
            notNull();
        }
        Map<String, String> renames = new LinkedHashMap<>(); // temporary name -> final name, for the contract
        List<String> attach = new ArrayList<>();
        indexes(renames, attach);
        checks(renames);
        foreignKeys(renames);
        List<String[]> children = referencingForeignKeys(renames);

        if (rename) {
            out.codeStep("switch", 2, "read and write " + finalName,
                    "Code reads and writes " + finalName + " instead of " + old + " (JPA @Column, jOOQ regenerated, SQL strings, mappers). "
                            + "Instances still on the old code keep working: the trigger copies their writes of " + old + ".");
        } else {
            out.codeStep("switch", 2, "code accepts " + target.type() + " in " + old,
                    "After the swap " + table + "." + old + " is " + target.type() + ": the code that maps it must read and write that type "
                            + "(a cached prepared statement sees a new result type once).");
        }

        // contract: no code uses the old column; the trigger and the old column go, the new one takes the final names
        List<String> swap = new ArrayList<>();
        if (ddl.postgres()) {
            swap.add(ddl.lockTimeout());
            swap.addAll(dropSyncSql());
            for (String[] fk : children) {
                swap.add(ddl.alterTable(fk[0]) + " DROP CONSTRAINT " + ddl.id(fk[1]) + ";");
            }
            swap.add(ddl.dropColumn(table, old));
            if (!rename) {
                swap.add(Ddl.because("renaming-column", "the plan's swap: in the transaction that drops the old column the new one takes its"
                        + " name, so code reads and writes " + finalName + " before and after it", ddl.renameColumn(table, temp, finalName)));
            }
            if (target.defaultValue() != null) {
                swap.add(ddl.setDefault(table, finalName, target.defaultValue()));
            }
            swap.addAll(attach);
            renames.forEach((from, to) -> swap.add(renameObject(from, to)));
        } else {
            swap.add(ddl.lockTimeout());
            swap.addAll(dropSyncSql());
            for (String[] fk : children) {
                swap.add(ddl.alterTable(fk[0]) + " DROP FOREIGN KEY " + ddl.id(fk[1]) + ";");
            }
            StringBuilder alter = new StringBuilder(ddl.alterTable(table));
            ownForeignKeys.forEach(k -> alter.append(" DROP FOREIGN KEY ").append(ddl.id(k)).append(','));
            copiedIndexes.forEach(i -> alter.append(" DROP INDEX ").append(ddl.id(i)).append(','));
            alter.append(" DROP COLUMN ").append(ddl.id(old));
            if (!rename || target.defaultValue() != null) {
                alter.append(", CHANGE COLUMN ").append(ddl.id(temp)).append(' ').append(definition(finalName, target.notNull(), true));
            }
            renames.forEach((from, to) -> alter.append(", RENAME INDEX ").append(ddl.id(from)).append(" TO ").append(ddl.id(to)));
            swap.add(rename && target.defaultValue() == null ? alter.append(';').toString()
                    : Ddl.because("renaming-column", "the plan's swap: in the statement that drops the old column the new one takes its name,"
                    + " so code reads and writes " + finalName + " before and after it", alter.append(';').toString()));
        }
        out.destructiveStep("contract", contract, rename ? "drop the old column " + table + "." + old + " and the trigger"
                        : "swap: drop the old " + table + "." + old + ", rename " + temp + " to " + old,
                swap, rename ? "Only after release 2 runs everywhere: no instance reads or writes " + old + "."
                        : "One transaction: the column keeps its name, only its type changes.",
                List.of(ddl.addColumn(table, old, this.old.type(), true, null, false)),
                "re-adding restores the structure, not the values: copy them back from " + finalName);
    }

    private void notNull() {
        if (ddl.postgres()) {
            ColumnPlanner.setNotNullSafely(ctx, out, table, temp, target.type(), null, 1);
            return;
        }
        out.precheck("no NULLs left in " + table + "." + temp, ddl.count(table, ddl.isNull(temp)), "0",
                "NOT NULL fails while any row is NULL");
        out.step("contract", 1, "NOT NULL on " + table + "." + temp + " (online rebuild)",
                ColumnPlanner.withTimeout(ctx, table, ddl.alterTable(table) + " MODIFY COLUMN " + definition(temp, true, false)
                        + ddl.online("INPLACE") + ";"), true, null,
                List.of(ddl.alterTable(table) + " MODIFY COLUMN " + definition(temp, false, false) + ";"), false, null);
    }

    /** Every index on the old column, built again on the new one without blocking writes. */
    private void indexes(Map<String, String> renames, List<String> attach) {
        for (Catalog.Index i : relation.indexes()) {
            if (i.primary() || !(i.columns().stream().anyMatch(c -> c.equalsIgnoreCase(old.name())) || Identifiers.mentions(body(i.definition()),
                    ddl.dialect(), old.name()))) {
                continue;
            }
            String name = tempName(i.name());
            String def = replaceColumn(i.definition().substring(i.definition().indexOf(" ON ")));
            String head = i.definition().substring(0, i.definition().indexOf(" ON "));
            head = head.substring(0, head.lastIndexOf(' ')); // CREATE [UNIQUE] INDEX
            String sql;
            if (ddl.postgres()) {
                sql = head.replaceFirst("INDEX$", "INDEX CONCURRENTLY") + " " + ddl.id(name) + def + ";";
            } else {
                boolean plain = !head.contains("FULLTEXT") && !head.contains("SPATIAL");
                sql = head + " " + ddl.id(name) + def + (plain ? " ALGORITHM=INPLACE LOCK=NONE" : "") + ";";
            }
            out.step("contract", 1, "index " + name + " on " + table + "." + temp + " (copy of " + i.name() + ")",
                    ddl.postgres() ? List.of(sql) : ColumnPlanner.withTimeout(ctx, table, sql), !ddl.postgres(), null,
                    List.of(ddl.dropIndex(table, name, ddl.postgres())), false, null);
            copiedIndexes.add(i.name());
            String finalIndex = finalObjectName(i.name(), name);
            if (ddl.postgres() && i.constraint() != null) {
                attach.add(ddl.alterTable(table) + " ADD CONSTRAINT " + ddl.id(finalIndex) + " UNIQUE USING INDEX " + ddl.id(name) + ";");
            } else if (!finalIndex.equals(name)) {
                renames.put(name, finalIndex);
            }
        }
    }

    /** CHECK constraints that mention the old column, on the new one: NOT VALID then VALIDATE on PostgreSQL. */
    private void checks(Map<String, String> renames) {
        for (Catalog.Constraint k : relation.constraints()) {
            if (!k.kind().equals("CHECK") || !Identifiers.mentions(k.definition(), ddl.dialect(), old.name())) {
                continue;
            }
            String name = tempName(k.name());
            String def = replaceColumn(k.definition().replaceAll("\\s+NOT VALID$", ""));
            if (ddl.postgres()) {
                out.step("contract", 1, "check " + name + " on " + table + "." + temp + " (copy of " + k.name() + ", NOT VALID)",
                        ColumnPlanner.withTimeout(ctx, table, ddl.alterTable(table) + " ADD CONSTRAINT " + ddl.id(name) + " " + def + " NOT VALID;"),
                        true, null, List.of(ddl.dropConstraint(table, name)), false, null);
                if (k.validated()) {
                    out.step("contract", 1, "validate " + name + " (scans without blocking writes)",
                            ColumnPlanner.withTimeout(ctx, table, ddl.validate(table, name)), true,
                            null, List.of(), false, null);
                }
                String finalCheck = finalObjectName(k.name(), name);
                if (!finalCheck.equals(name)) {
                    renames.put("constraint:" + name, finalCheck);
                }
            } else {
                out.warn("MariaDB/MySQL add a CHECK constraint by copying " + table + " (writes wait for the copy): " + name
                        + " re-creates " + k.name() + " on " + temp + "; run it in a quiet window on a large table");
                String add = ddl.alterTable(table) + " ADD CONSTRAINT " + ddl.id(name) + " " + def + ";";
                // the repo's gate says the same of this statement: the plan reports it, so nothing of its own output is a surprise
                out.hazard("mysql-add-check-constraint", "error", add, "ALGORITHM=COPY (writes wait)", "blocked writes",
                        "Re-creating " + k.name() + " on " + table + "." + temp + " copies the whole table: writes to " + table
                                + " wait until every row is copied and checked.",
                        "Run this step in a quiet window, or re-create the CHECK with gh-ost / pt-online-schema-change.");
                out.step("contract", 1, "check " + name + " on " + table + "." + temp + " (copy of " + k.name() + "; copies the table)",
                        ColumnPlanner.withTimeout(ctx, table, add),
                        true, null, List.of(ddl.alterTable(table) + " DROP CONSTRAINT " + ddl.id(name) + ";"), false, null);
            }
        }
    }

    /** Foreign keys from the old column, on the new one: NOT VALID then VALIDATE (MariaDB/MySQL: added unchecked, orphans counted). */
    private void foreignKeys(Map<String, String> renames) {
        for (Catalog.Constraint k : relation.constraints()) {
            if (!k.kind().equals("FOREIGN_KEY") || k.columns().stream().noneMatch(c -> c.equalsIgnoreCase(old.name()))) {
                continue;
            }
            int ref = k.definition().toUpperCase(Locale.ROOT).indexOf(" REFERENCES ");
            String local = replaceColumn(k.definition().substring(0, ref));
            String remote = k.definition().substring(ref);
            if (catalog.relation(k.references()).map(catalog::displayName).filter(table::equalsIgnoreCase).isPresent()) {
                remote = replaceColumn(remote);
            }
            addForeignKey(table, k, local + remote.replaceAll("\\s+NOT VALID$", ""), renames, orphanQuery(table, k, temp));
            ownForeignKeys.add(k.name());
        }
    }

    /** Foreign keys of other tables that reference the old column: the same key on the new column; the old ones go at the contract. */
    private List<String[]> referencingForeignKeys(Map<String, String> renames) {
        List<String[]> old = new ArrayList<>();
        for (Catalog.Relation child : catalog.relations()) {
            if (child == relation) {
                continue;
            }
            for (Catalog.Constraint k : child.constraints()) {
                if (!k.kind().equals("FOREIGN_KEY") || k.references() == null
                        || !catalog.relation(k.references()).map(catalog::displayName).filter(table::equalsIgnoreCase).isPresent()) {
                    continue;
                }
                int ref = k.definition().toUpperCase(Locale.ROOT).indexOf(" REFERENCES ");
                String remote = k.definition().substring(ref);
                String replaced = replaceColumn(remote);
                if (replaced.equals(remote)) {
                    continue;
                }
                String childName = catalog.displayName(child);
                addForeignKey(childName, k, k.definition().substring(0, ref) + replaced.replaceAll("\\s+NOT VALID$", ""), renames, null);
                old.add(new String[] {childName, k.name()});
            }
        }
        return old;
    }

    private void addForeignKey(String on, Catalog.Constraint k, String definition, Map<String, String> renames, String orphans) {
        String name = tempName(k.name());
        if (ddl.postgres()) {
            out.step("contract", 1, "foreign key " + name + " on " + on + " (copy of " + k.name() + ", NOT VALID)",
                    ColumnPlanner.withTimeout(ctx, on, ddl.alterTable(on) + " ADD CONSTRAINT " + ddl.id(name) + " " + definition + " NOT VALID;"),
                    true, null, List.of(ddl.dropConstraint(on, name)), false, null);
            out.step("contract", 1, "validate " + name + " (scans without blocking writes)", List.of(ddl.validate(on, name)), true, null,
                    List.of(), false, null);
            String finalKey = finalObjectName(k.name(), name);
            if (!finalKey.equals(name)) {
                renames.put("constraint:" + on + ":" + name, finalKey);
            }
            return;
        }
        if (orphans != null) {
            out.precheck("rows of " + on + " whose " + temp + " has no parent", orphans, "0", "a foreign key added unchecked must hold");
        }
        out.step("contract", 1, "foreign key " + name + " on " + on + " (copy of " + k.name() + "; added unchecked, online)",
                ColumnPlanner.withTimeout(ctx, on, "SET SESSION foreign_key_checks = 0;", ddl.alterTable(on) + " ADD CONSTRAINT " + ddl.id(name)
                        + " " + definition + ddl.online("INPLACE") + ";", "SET SESSION foreign_key_checks = 1;"), true,
                null, List.of(ddl.dropForeignKey(on, name)), false, null);
    }

    private String orphanQuery(String on, Catalog.Constraint k, String column) {
        if (k.columns().size() != 1) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)REFERENCES\\s+(.+?)\\s*\\((.+?)\\)").matcher(k.definition());
        if (!m.find()) {
            return null;
        }
        return "SELECT count(*) FROM " + ddl.id(on) + " c WHERE c." + ddl.id(column) + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
                + m.group(1) + " p WHERE p." + m.group(2).trim() + " = c." + ddl.id(column) + ");";
    }

    private String renameObject(String from, String to) {
        if (from.startsWith("constraint:")) {
            String rest = from.substring("constraint:".length());
            int colon = rest.indexOf(':');
            String on = colon < 0 ? table : rest.substring(0, colon);
            String name = colon < 0 ? rest : rest.substring(colon + 1);
            return ddl.alterTable(on) + " RENAME CONSTRAINT " + ddl.id(name) + " TO " + ddl.id(to) + ";";
        }
        return "ALTER INDEX " + ddl.id(from) + " RENAME TO " + ddl.id(to) + ";";
    }

    /** The definition's column list and expressions with the old column replaced by the new one. */
    private String replaceColumn(String definition) {
        return Identifiers.renameColumn(definition, ddl.dialect(), old.name(), ddl.id(temp));
    }

    /** The part of an index definition after ON table: its keys, INCLUDE and WHERE. */
    private static String body(String definition) {
        int on = definition.indexOf(" ON ");
        int open = definition.indexOf('(', Math.max(on, 0));
        return open < 0 ? definition : definition.substring(open);
    }

    /**
     * The name a copy of an index or constraint has while the original exists: a rename puts the new column's name in
     * it where the old one's stands (users_status_idx becomes users_state_idx and keeps it); otherwise {@code name_new},
     * renamed to the original name at the contract.
     */
    private String tempName(String original) {
        if (rename) {
            String replaced = replaceWord(original, old.name(), finalName);
            if (!replaced.equals(original)) {
                return name(replaced, "");
            }
        }
        return name(original, "_new");
    }

    private String finalObjectName(String original, String temp) {
        return rename && !temp.endsWith("_new") ? temp : original;
    }

    private static String replaceWord(String s, String word, String by) {
        return s.replaceAll("(?i)(?<![a-z0-9])" + java.util.regex.Pattern.quote(word) + "(?![a-z0-9])", java.util.regex.Matcher.quoteReplacement(by));
    }

    private String name(String base, String suffix) {
        return ddl.objectName(base, suffix);
    }

    /** The column's definition: PostgreSQL type and collation; MariaDB/MySQL everything MODIFY needs so nothing is lost. */
    private String definition(String name, boolean notNull, boolean withDefault) {
        return definition(ddl, target, name, notNull, withDefault);
    }

    /**
     * The column's definition as {@code ADD COLUMN} / {@code MODIFY} need it: PostgreSQL type and collation;
     * MariaDB/MySQL every attribute (NULL-ness, DEFAULT, ON UPDATE, collation, COMMENT), since MODIFY drops what it
     * does not repeat.
     */
    static String definition(Ddl ddl, Catalog.Column target, String name, boolean notNull, boolean withDefault) {
        StringBuilder sb = new StringBuilder(ddl.id(name)).append(' ').append(target.type());
        if (target.collation() != null) {
            sb.append(" COLLATE ").append(target.collation());
        }
        if (ddl.mysql()) {
            sb.append(notNull ? " NOT NULL" : " NULL");
            if (withDefault && target.defaultValue() != null) {
                sb.append(" DEFAULT ").append(target.defaultValue());
            }
            for (String e : target.extra()) {
                if (e.startsWith("on update ")) {
                    sb.append(" ON UPDATE ").append(e.substring("on update ".length()));
                }
            }
            if (target.comment() != null) {
                sb.append(" COMMENT ").append(ddl.literal(target.comment()));
            }
        }
        return sb.toString();
    }

    /**
     * MariaDB/MySQL: {@code MODIFY COLUMN} with the column's whole definition as the catalog has it (after the statement
     * as written when {@code after}, else as it is now, with NOT NULL as given); null when the catalog does not have it.
     */
    static String mysqlModify(PlanContext ctx, String table, String column, boolean after, Boolean notNull) {
        Catalog catalog = after ? ctx.catalogAfter() : ctx.catalog();
        if (!ctx.ddl().mysql() || catalog == null) {
            return null;
        }
        return catalog.relation(table).flatMap(r -> r.column(column)).filter(c -> c.generated() == null)
                .map(c -> ctx.ddl().alterTable(table) + " MODIFY COLUMN " + definition(ctx.ddl(), c, c.name(), notNull == null ? c.notNull() : notNull, true)
                        + (c.identity() != null ? " AUTO_INCREMENT" : ""))
                .orElse(null);
    }

    private String literal(String s) {
        return ddl.literal(s);
    }

    private List<String> syncSql() {
        String o = ddl.id(old.name());
        String n = ddl.id(temp);
        if (ddl.postgres()) {
            String body = rename
                    ? "    IF TG_OP = 'INSERT' THEN\n"
                    + "        IF NEW." + n + " IS NULL THEN NEW." + n + " := NEW." + o + "; ELSE NEW." + o + " := NEW." + n + "; END IF;\n"
                    + "    ELSIF NEW." + o + " IS DISTINCT FROM OLD." + o + " THEN NEW." + n + " := NEW." + o + ";\n"
                    + "    ELSIF NEW." + n + " IS DISTINCT FROM OLD." + n + " THEN NEW." + o + " := NEW." + n + ";\n"
                    + "    ELSE NEW." + n + " := NEW." + o + ";\n"
                    + "    END IF;\n"
                    : "    NEW." + n + " := " + newRowExpression + ";\n";
            return ddl.rowTriggers(table, sync, body, ctx.targetBefore(11, 0, 0), null, null);
        }
        String insert = rename ? "SET NEW." + n + " = COALESCE(NEW." + n + ", NEW." + o + "), NEW." + o + " = NEW." + n
                : "SET NEW." + n + " = " + newRowExpression;
        String update = rename ? "SET NEW." + n + " = IF(NEW." + o + " <=> OLD." + o + " AND NOT (NEW." + n + " <=> OLD." + n + "), NEW." + n
                + ", NEW." + o + "), NEW." + o + " = NEW." + n : insert;
        return ddl.rowTriggers(table, sync, null, false, insert, update);
    }

    private List<String> dropSyncSql() {
        return ddl.dropRowTriggers(table, sync);
    }
}
