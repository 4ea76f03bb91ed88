package dev.plc.plan;

import dev.plc.db.Dialect;
import dev.plc.lint.Linter;
import dev.plc.lint.Rules;
import dev.plc.lint.rule.Finding;
import dev.plc.lint.rule.LintOptions;
import dev.plc.lint.rule.Rule;
import dev.plc.schema.catalog.Catalog;
import dev.plc.schema.catalog.Effect;
import dev.plc.schema.catalog.EffectKind;
import dev.plc.sql.SqlStatement;
import dev.plc.sql.Verb;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Plans a change given as SQL from what each statement did on a copy of the schema. A statement whose effects are ones
 * the planners stage (a column added, dropped, renamed or retyped, NOT NULL, defaults, a unique constraint, a table
 * dropped or renamed) becomes those operations; an index or a foreign key / check on an existing PostgreSQL table is
 * rewritten to its online form from the catalog's own definition; every other statement is planned as written, in one
 * step, classified from its effect, with the lock it takes and the linter's hazards. Nothing valid is refused.
 */
final class StatementPlanner {

    /** Effects that break code still running against the old schema: a change that has them is at least staged. */
    private static final Set<EffectKind> BREAKING = Set.of(EffectKind.RELATION_RENAMED, EffectKind.COLUMN_RENAMED,
            EffectKind.COLUMN_TYPE_CHANGED, EffectKind.COLUMN_NOT_NULL_SET, EffectKind.TYPE_RENAMED, EffectKind.ENUM_VALUE_RENAMED,
            EffectKind.SCHEMA_RENAMED, EffectKind.ROUTINE_DROPPED, EffectKind.SEQUENCE_RENAMED, EffectKind.COLUMN_GENERATED_CHANGED,
            EffectKind.VIEW_DEFINITION_CHANGED, EffectKind.PARTITION_DETACHED, EffectKind.RELATION_DROPPED, EffectKind.TYPE_DROPPED);

    private static final Pattern USING = Pattern.compile("(?is)\\bUSING\\s+(.+?)\\s*(?:,\\s*ALTER\\b|,\\s*ADD\\b|,\\s*DROP\\b|;?\\s*$)");

    private final PlanContext ctx;
    private final PlanBuilder out;
    private final List<Operation> operations = new ArrayList<>();

    StatementPlanner(PlanContext ctx, PlanBuilder out) {
        this.ctx = ctx;
        this.out = out;
    }

    /** The operations the change was planned as, in the order of their steps' {@code operation} index. */
    List<Operation> operations() {
        return List.copyOf(operations);
    }

    void plan(List<StatementEffect> statements) {
        for (StatementEffect se : statements) {
            SqlStatement s = se.statement();
            if (s.kind().isSessionSetting() || s.kind().isTransactionControl() || s.isClientCommand()) {
                continue; // session settings and transaction control: each step sets its own lock timeout and transaction
            }
            if (isQuery(s) && se.effects().isEmpty()) {
                continue; // a SELECT changes nothing
            }
            if (s.kind().verb() == Verb.UPDATE) {
                out.operation(operations.size());
                if (DerivedColumns.plan(ctx.catalog(se.before()).catalogAfter(se.after()), out, se)
                        || BatchedUpdate.plan(ctx.catalog(se.before()).catalogAfter(se.after()), out, se)) {
                    operations.add(Operation.of("sql", primaryTable(se)).withStatement(s.text()));
                    continue;
                }
            }
            if (s.kind().verb() == Verb.DELETE) {
                out.operation(operations.size());
                if (BatchedDelete.plan(ctx.catalog(se.before()).catalogAfter(se.after()), out, se)) {
                    operations.add(Operation.of("sql", primaryTable(se)).withStatement(s.text()));
                    continue;
                }
            }
            List<Operation> staged = staged(se);
            if (staged != null) {
                for (Operation op : staged) {
                    ctx.catalog(se.before()).catalogAfter(se.after());
                    out.operation(operations.size());
                    operations.add(op);
                    Planners.plan(op, ctx, out);
                    if (op.kind() == OperationKind.CREATE_TABLE) {
                        ctx.markCreated(op.table());
                    }
                }
            } else {
                out.operation(operations.size());
                operations.add(Operation.of("sql", primaryTable(se)).withStatement(s.text()));
                asWritten(se);
            }
            omittedAttributes(se);
        }
    }

    private static final Pattern MODIFY = Pattern.compile("(?i)\\b(MODIFY|CHANGE)\\b");

    /**
     * MariaDB/MySQL MODIFY and CHANGE replace the whole column definition: whatever the column had that the statement
     * does not repeat (NOT NULL, DEFAULT, COMMENT, collation, ON UPDATE) is dropped without a word. Each one the catalog
     * shows lost, and the statement does not name, is a hazard of its own; the change is still planned as written.
     */
    private void omittedAttributes(StatementEffect se) {
        String text = se.statement().text();
        if (ctx.dialect() == Dialect.POSTGRESQL && se.statement().isAlterTable()) {
            // ALTER COLUMN ... TYPE without COLLATE gives the column the new type's default collation
            for (Effect e : se.effects()) {
                if (e.kind() == EffectKind.COLUMN_COLLATION_CHANGED && e.before() != null && !text.toUpperCase(Locale.ROOT).contains("COLLATE")) {
                    out.hazard("type-change-drops-collation", "error", text, "ACCESS EXCLUSIVE", "lost column attribute",
                            "This type change drops COLLATE " + e.before() + " from " + e.relation() + "." + e.name() + ": ALTER COLUMN ... TYPE "
                                    + "without COLLATE gives the column the new type's default collation, which changes sorting, comparisons "
                                    + "and which indexes queries can use.",
                            "Repeat the collation: ALTER COLUMN " + e.name() + " TYPE ... COLLATE " + e.before() + ".");
                }
            }
            return;
        }
        if (!ctx.dialect().isMysqlFamily() || !se.statement().isAlterTable() || !MODIFY.matcher(text).find()) {
            return;
        }
        String upper = text.toUpperCase(Locale.ROOT);
        for (Effect e : se.effects()) {
            String lost = switch (e.kind()) {
                case COLUMN_NOT_NULL_DROPPED -> upper.matches("(?s).*(?<!NOT)\\s+NULL\\b.*") ? null : "NOT NULL";
                case COLUMN_DEFAULT_CHANGED -> e.after() == null && !upper.contains("DEFAULT") ? "DEFAULT " + e.before() : null;
                case COLUMN_COMMENT_CHANGED -> e.after() == null && !upper.contains("COMMENT") ? "COMMENT '" + e.before() + "'" : null;
                case COLUMN_COLLATION_CHANGED -> !upper.contains("COLLATE") && !upper.contains("CHARACTER SET") && !upper.contains("CHARSET")
                        ? "COLLATE " + e.before() : null;
                case COLUMN_EXTRA_CHANGED -> e.before() != null && e.before().contains("on update") && !upper.contains("ON UPDATE")
                        ? "ON UPDATE " + e.before().replaceAll(".*on update (\\S+).*", "$1") : null;
                default -> null;
            };
            if (lost == null) {
                continue;
            }
            String column = e.relation() + "." + (e.newName() != null ? e.newName() : e.name());
            out.hazard("modify-drops-attribute", "error", text, "a metadata lock", "lost column attribute",
                    "This " + (upper.contains("CHANGE") ? "CHANGE" : "MODIFY") + " drops " + lost + " from " + column + ": MODIFY and CHANGE"
                            + " replace the whole column definition, and the statement does not repeat it.",
                    "Repeat every attribute the column keeps in the statement (" + lost + "), or, if dropping it is intended, say so with"
                            + " an explicit clause (NULL, DROP DEFAULT, COMMENT '', a COLLATE).");
        }
    }

    /** The operations that reproduce the statement exactly, or null when it is planned another way. */
    private List<Operation> staged(StatementEffect se) {
        List<Effect> effects = se.effects();
        Operation index = plainIndex(se);
        if (index != null) {
            return List.of(index);
        }
        if (effects.isEmpty() || !se.statement().isAlterTable() && !se.statement().isDropTable() && !se.statement().startsWith("RENAME")) {
            return null;
        }
        List<Operation> ops = new ArrayList<>();
        Set<String> replaced = effects.stream().filter(e -> e.kind() == EffectKind.COLUMN_TYPE_CHANGED && e.relation() != null)
                .map(e -> e.relation().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        for (Effect e : effects) {
            if (e.relation() == null || ctx.isNew(e.relation())) {
                return null;
            }
            if ((e.kind() == EffectKind.CONSTRAINT_CHANGED || e.kind() == EffectKind.INDEX_CHANGED)
                    && replaced.contains(e.relation().toLowerCase(Locale.ROOT))) {
                continue; // the type change re-reads the constraints and indexes on the column: the staged change copies them
            }
            if (e.kind() == EffectKind.COLUMN_COLLATION_CHANGED && effects.stream().anyMatch(x -> x.kind() == EffectKind.COLUMN_TYPE_CHANGED
                    && x.relation().equalsIgnoreCase(e.relation()) && x.name().equalsIgnoreCase(e.name()))) {
                continue; // the new column of the staged type change is defined as the statement leaves it, collation included
            }
            Optional<Catalog.Relation> before = se.before().relation(e.relation());
            Optional<Catalog.Relation> after = se.after().relation(e.newName() != null && e.kind() == EffectKind.RELATION_RENAMED
                    ? e.newName() : e.relation());
            Operation op = switch (e.kind()) {
                case COLUMN_ADDED -> after.flatMap(r -> r.column(e.name())).filter(this::plainColumn)
                        .map(c -> Operation.of("add_column", e.relation()).withColumn(c.name()).withType(c.type())
                                .withNullable(!c.notNull()).withDefault(c.defaultValue())).orElse(null);
                case COLUMN_DROPPED -> Operation.of("drop_column", e.relation()).withColumn(e.name());
                case COLUMN_RENAMED -> Operation.of("rename_column", e.relation()).withColumn(e.name()).withNewName(e.newName());
                case COLUMN_TYPE_CHANGED -> Operation.of("alter_column_type", e.relation()).withColumn(e.name()).withType(e.after())
                        .withBackfill(using(se.statement()));
                case COLUMN_NOT_NULL_SET -> Operation.of("set_not_null", e.relation()).withColumn(e.name());
                case COLUMN_NOT_NULL_DROPPED -> Operation.of("drop_not_null", e.relation()).withColumn(e.name());
                case COLUMN_DEFAULT_CHANGED -> e.after() == null ? Operation.of("drop_default", e.relation()).withColumn(e.name())
                        : Operation.of("set_default", e.relation()).withColumn(e.name()).withDefault(e.after());
                case RELATION_DROPPED -> before.filter(r -> r.kind().equals("TABLE")).map(r -> Operation.of("drop_table", r.name())).orElse(null);
                case RELATION_RENAMED -> before.filter(r -> r.kind().equals("TABLE"))
                        .map(r -> Operation.of("rename_table", r.name()).withNewName(e.newName())).orElse(null);
                default -> null;
            };
            if (op == null) {
                return null;
            }
            ops.add(op);
        }
        return ops;
    }

    /** A column the add_column planner writes whole: nothing but a type, NULL-ness and a default. */
    private boolean plainColumn(Catalog.Column c) {
        // MySQL/MariaDB report the collation of every string column; one the table gave it is the planner's too
        return c.identity() == null && c.generated() == null && (c.collation() == null || ctx.dialect().isMysqlFamily())
                && c.comment() == null && (c.extra() == null || c.extra().isEmpty());
    }

    /**
     * An index on plain columns of an existing table (CREATE [UNIQUE] INDEX, ALTER TABLE ADD [UNIQUE] INDEX / ADD UNIQUE):
     * the index planner builds it online with its prechecks. Expression, partial, INCLUDE, prefix, FULLTEXT and other
     * index kinds are left to the online form or the statement as written.
     */
    private Operation plainIndex(StatementEffect se) {
        List<Effect> effects = se.effects();
        Effect created = effects.stream().filter(e -> e.kind() == EffectKind.INDEX_CREATED).findFirst().orElse(null);
        if (created == null || ctx.isNew(created.relation()) || effects.stream().anyMatch(e -> e.kind() != EffectKind.INDEX_CREATED
                && !(e.kind() == EffectKind.CONSTRAINT_ADDED && e.name().equals(created.name())))) {
            return null;
        }
        if (effects.stream().filter(e -> e.kind() == EffectKind.INDEX_CREATED).count() != 1) {
            return null;
        }
        Optional<Catalog.Relation> table = se.after().relation(created.relation());
        Optional<Catalog.Index> index = table.flatMap(t -> t.indexes().stream().filter(i -> i.name().equals(created.name())).findFirst());
        if (index.isEmpty() || se.before().relation(created.relation()).isEmpty()) {
            return null;
        }
        String def = index.get().definition().toUpperCase(Locale.ROOT);
        boolean plain = index.get().columns().stream().allMatch(c -> table.get().column(c).isPresent())
                && !def.contains(" WHERE ") && !def.contains(" INCLUDE ") && !def.contains("FULLTEXT") && !def.contains("SPATIAL")
                && !def.contains(" DESC") && !def.matches(".*\\(\\d+\\).*") && (!def.contains(" USING ") || def.contains("USING BTREE"));
        if (!plain) {
            return null;
        }
        // MariaDB/MySQL create an index with a foreign key, under the key's name: that is the key, not an index to build
        List<String> added = effects.stream().filter(e -> e.kind() == EffectKind.CONSTRAINT_ADDED)
                .map(e -> table.get().constraints().stream().filter(k -> k.name().equals(e.name())).map(Catalog.Constraint::kind).findFirst()
                        .orElse("?")).toList();
        if (added.stream().anyMatch(kind -> !kind.equals("UNIQUE"))) {
            return null;
        }
        boolean constraint = !added.isEmpty();
        if (constraint) {
            return Operation.of("add_unique", created.relation()).withColumns(index.get().columns()).withName(created.name());
        }
        return Operation.of("add_index", created.relation()).withColumns(index.get().columns()).withName(created.name())
                .withUnique(index.get().unique());
    }

    private static String using(SqlStatement s) {
        Matcher m = USING.matcher(s.text());
        return m.find() ? m.group(1).strip() : null;
    }

    /** One step with the statement as written (or its online form), classified from what it did. */
    private void asWritten(StatementEffect se) {
        SqlStatement s = se.statement();
        Dialect dialect = ctx.dialect();
        String table = primaryTable(se);
        boolean existing = table != null && !ctx.isNew(table) && se.before().relation(table).isPresent();
        if (existing) {
            ctx.careful(table); // records that an unknown size was taken as large
        }
        String text = EffectProbe.stripSemicolon(s.text());
        boolean transactional = dialect.isMysqlFamily() || s.kind().transactional(dialect, ctx.target() == null ? 0 : ctx.target().major());
        String title = "as written: " + firstLine(text);
        String appCode = appCode(se);

        Optional<List<List<String>>> online = existing && dialect == Dialect.POSTGRESQL ? onlineForm(se) : Optional.empty();
        // each group is one step (one migration, one transaction): a constraint's VALIDATE must not share the ADD's
        // transaction, or the ADD's lock is held through the whole scan
        List<List<String>> groups = new ArrayList<>();
        if (online.isPresent()) {
            online.get().forEach(g -> groups.add(new ArrayList<>(g)));
            title = "online form of: " + firstLine(text);
        } else if (dialect.isMysqlFamily() && se.algorithm() != null && !se.algorithm().equals("COPY")) {
            groups.add(new ArrayList<>(List.of(text + ", ALGORITHM=" + se.algorithm() + ";")));
        } else {
            groups.add(new ArrayList<>(List.of(text + ";")));
        }
        List<Boolean> transactionalGroups = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        LockLevels.Lock lock = LockLevels.NONE;
        for (int g = 0; g < groups.size(); g++) {
            List<String> group = groups.get(g);
            boolean tx = online.isPresent() ? group.stream().noneMatch(x -> x.toUpperCase(Locale.ROOT).contains("CONCURRENTLY")) : transactional;
            LockLevels.Lock groupLock = dialect == Dialect.POSTGRESQL ? LockLevels.postgres(online.isPresent() ? reread(group.get(group.size() - 1)) : s)
                    : mysqlLock(se);
            if (g == 0) {
                lock = groupLock;
            }
            if (existing && s.isDdl() && groupLock != LockLevels.NONE && ctx.ddl().lockTimeout() != null && tx) {
                group.add(0, ctx.ddl().lockTimeout());
            }
            String groupTitle = g == 0 ? title : "validate the " + firstLine(group.get(group.size() - 1)).replaceFirst("(?i)^ALTER TABLE \\S+ VALIDATE ", "")
                    .replace(";", "") + ": it scans the rows without blocking writes";
            if (existing && groupLock != LockLevels.NONE) {
                groupTitle += " (" + groupLock.mode() + " on " + table + ": " + groupLock.blocks() + ")";
            }
            transactionalGroups.add(tx);
            titles.add(groupTitle);
        }
        for (Finding f : Linter.lint("change.sql", text + ";", lintOptions())) {
            if (!f.suppressed()) {
                out.hazard(f.rule(), f.severity(), text, lock.mode(), risk(f), f.message(), f.help());
            }
        }
        boolean losesData = losesData(se);
        String type = losesData ? "destructive" : se.effects().stream().anyMatch(e -> BREAKING.contains(e.kind())) ? "staged" : "additive";
        Verb verb = s.kind().mainVerb();
        if (isDml(s) && verb != Verb.INSERT) {
            type = verb == Verb.DELETE || s.kind().verb() == Verb.TRUNCATE ? "destructive" : "staged";
        }
        out.type(type);
        String phase = isDml(s) ? "backfill" : losesData ? "contract" : "expand";
        if (type.equals("destructive")) {
            out.destructiveStep(phase, 1, titles.get(0), groups.get(0), appCode, List.of(), "the statement destroys data: restore it from a backup taken before");
        } else {
            List<String> undo = undo(se);
            out.step(phase, 1, titles.get(0), groups.get(0), transactionalGroups.get(0), appCode, undo, false, undo.isEmpty()
                    ? "no automatic undo for a statement planned as written: write its inverse if it must be rolled back" : null);
        }
        for (int g = 1; g < groups.size(); g++) {
            out.step(phase, 1, titles.get(g), groups.get(g), transactionalGroups.get(g), "Old code keeps working.", List.of(), false,
                    "nothing to undo: validating changes no data (undo the step before to remove the constraint)");
        }
    }

    /**
     * PostgreSQL online forms, built from the catalog's own definitions so nothing of the statement is lost: an index
     * built or dropped CONCURRENTLY; a foreign key or check added NOT VALID and validated after (VALIDATE takes only
     * SHARE UPDATE EXCLUSIVE).
     */
    private Optional<List<List<String>>> onlineForm(StatementEffect se) {
        SqlStatement s = se.statement();
        List<Effect> e = se.effects();
        if (e.size() == 1 && e.get(0).kind() == EffectKind.INDEX_CREATED && s.isCreateIndex() && !s.contains("CONCURRENTLY")) {
            return Optional.of(List.of(List.of(insertAfterIndex(EffectProbe.stripSemicolon(s.text())) + ";")));
        }
        if (e.size() == 1 && e.get(0).kind() == EffectKind.INDEX_DROPPED && s.isDropIndex() && !s.contains("CONCURRENTLY")
                && !s.contains("CASCADE") && s.text().split(",").length == 1) {
            return Optional.of(List.of(List.of(insertAfterIndex(EffectProbe.stripSemicolon(s.text())) + ";")));
        }
        if (e.size() == 1 && e.get(0).kind() == EffectKind.CONSTRAINT_ADDED && s.isAlterTable()) {
            Effect c = e.get(0);
            Optional<Catalog.Constraint> added = se.after().relation(c.relation()).flatMap(r -> r.constraints().stream()
                    .filter(k -> k.name().equals(c.name())).findFirst());
            if (added.isPresent() && added.get().validated() && (added.get().kind().equals("FOREIGN_KEY") || added.get().kind().equals("CHECK"))) {
                String t = ctx.ddl().id(c.relation());
                String n = ctx.ddl().id(c.name());
                return Optional.of(List.of(List.of("ALTER TABLE " + t + " ADD CONSTRAINT " + n + " " + added.get().definition() + " NOT VALID;"),
                        List.of("ALTER TABLE " + t + " VALIDATE CONSTRAINT " + n + ";")));
            }
        }
        return Optional.empty();
    }

    /** The inverse of what a statement created (an index or a constraint), read from its effects; empty otherwise. */
    private List<String> undo(StatementEffect se) {
        List<String> out = new ArrayList<>();
        for (Effect e : se.effects()) {
            if (e.kind() == EffectKind.CONSTRAINT_ADDED && e.relation() != null) {
                out.add(0, ctx.ddl().dropConstraint(e.relation(), e.name()));
            } else if (e.kind() == EffectKind.INDEX_CREATED && e.relation() != null
                    && se.effects().stream().noneMatch(x -> x.kind() == EffectKind.CONSTRAINT_ADDED && e.name().equals(x.name()))) {
                out.add(0, ctx.ddl().dropIndex(e.relation(), e.name(), false));
            } else if (e.kind() != EffectKind.INDEX_CREATED) {
                String inverse = inverse(e);
                if (inverse == null) {
                    return List.of();
                }
                out.add(0, inverse);
            }
        }
        return out;
    }

    /** The statement that undoes a rename (read from the catalog's before and after), or null when there is none. */
    private String inverse(Effect e) {
        Ddl ddl = ctx.ddl();
        boolean pg = ctx.dialect() == Dialect.POSTGRESQL;
        return switch (e.kind()) {
            case ENUM_VALUE_RENAMED -> pg ? "ALTER TYPE " + qualified(e.name()) + " RENAME VALUE " + ddl.literal(e.after()) + " TO " + ddl.literal(e.before()) + ";"
                    : null;
            case CONSTRAINT_RENAMED -> pg && e.relation() != null ? "ALTER TABLE " + qualified(e.relation()) + " RENAME CONSTRAINT "
                    + ddl.id(e.newName()) + " TO " + ddl.id(e.name()) + ";" : null;
            case INDEX_RENAMED -> e.relation() == null ? null : pg ? "ALTER INDEX " + qualifiedLike(e.relation(), e.newName()) + " RENAME TO "
                    + ddl.id(e.name()) + ";" : "ALTER TABLE " + qualified(e.relation()) + " RENAME INDEX " + ddl.id(e.newName()) + " TO "
                    + ddl.id(e.name()) + ";";
            case TRIGGER_RENAMED -> pg && e.relation() != null ? "ALTER TRIGGER " + ddl.id(e.newName()) + " ON " + qualified(e.relation())
                    + " RENAME TO " + ddl.id(e.name()) + ";" : null;
            case TYPE_RENAMED -> pg ? "ALTER TYPE " + qualified(e.newName()) + " RENAME TO " + ddl.id(bare(e.name())) + ";" : null;
            case SEQUENCE_RENAMED -> pg ? "ALTER SEQUENCE " + qualified(e.newName()) + " RENAME TO " + ddl.id(bare(e.name())) + ";" : null;
            default -> null;
        };
    }

    private String qualified(String name) {
        return String.join(".", java.util.Arrays.stream(name.split("\\.")).map(ctx.ddl()::id).toList());
    }

    /** {@code name} in the schema of {@code relation} (an index lives in its table's schema). */
    private String qualifiedLike(String relation, String name) {
        int dot = relation.lastIndexOf('.');
        return dot < 0 ? ctx.ddl().id(name) : qualified(relation.substring(0, dot)) + "." + ctx.ddl().id(name);
    }

    private static String bare(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static String insertAfterIndex(String text) {
        return text.replaceFirst("(?i)\\bINDEX\\b", "INDEX CONCURRENTLY");
    }

    private SqlStatement reread(String sql) {
        List<SqlStatement> read = dev.plc.sql.SqlScript.split(sql, ctx.dialect());
        return read.isEmpty() ? dev.plc.sql.SqlScript.split("SELECT 1", ctx.dialect()).get(0) : read.get(0);
    }

    private static LockLevels.Lock mysqlLock(StatementEffect se) {
        if (se.algorithm() == null) {
            return isDml(se.statement()) ? LockLevels.ROW_EXCLUSIVE : LockLevels.NONE;
        }
        return switch (se.algorithm()) {
            case "INSTANT" -> new LockLevels.Lock("INSTANT (metadata lock only)", "a brief metadata lock; reads and writes go on");
            case "INPLACE, LOCK=NONE" -> new LockLevels.Lock("INPLACE, LOCK=NONE", "reads and writes go on; brief metadata locks at start and end");
            case "INPLACE" -> new LockLevels.Lock("INPLACE with a shared lock", "blocks writes while the table is rebuilt in place");
            default -> new LockLevels.Lock("COPY", "copies the whole table: blocks writes for the duration");
        };
    }

    private LintOptions lintOptions() {
        return new LintOptions(ctx.dialect(), true, ctx.target() == null ? null : ctx.target().major(), Set.of());
    }

    private static String risk(Finding f) {
        boolean dataLoss = Rules.byId(f.rule()).map(Rule::dataLoss).orElse(false);
        return dataLoss || f.rule().startsWith("ban-drop") || f.rule().contains("data-loss") ? "data loss"
                : "locks or breaks running code";
    }

    /** Data is lost when a table or materialized view with rows goes, or a column, or an enum label, or a schema. */
    private static boolean losesData(StatementEffect se) {
        for (Effect e : se.effects()) {
            if (e.kind() == EffectKind.RELATION_DROPPED) {
                Optional<Catalog.Relation> r = se.before().relation(e.relation() != null ? e.relation() : e.name());
                if (r.isEmpty() || r.get().isTable() || r.get().kind().equals("MATERIALIZED_VIEW")) {
                    return true;
                }
            } else if (e.kind().losesData()) {
                return true;
            }
        }
        return se.statement().startsWith("TRUNCATE");
    }

    private String appCode(StatementEffect se) {
        if (se.effects().isEmpty()) {
            return isDml(se.statement()) ? "Data only: code that reads these rows sees the new values once the step committed."
                    : "No schema change seen in the catalog: the code needs no change for it.";
        }
        String what = se.effects().stream().map(Effect::describe).collect(Collectors.joining("; "));
        boolean breaking = se.effects().stream().anyMatch(e -> BREAKING.contains(e.kind()));
        return (breaking ? "Breaks code that uses the old form: ship code that works with both before this step, or accept that "
                + "running code fails until the new code is deployed. " : "Old code keeps working. ") + "The statement: " + what + ".";
    }

    private static String primaryTable(StatementEffect se) {
        for (Effect e : se.effects()) {
            if (e.relation() != null) {
                return e.relation();
            }
        }
        String t = se.statement().tableName();
        return t == null ? null : t.contains(".") ? t.substring(t.lastIndexOf('.') + 1) : t;
    }

    /** Statements that write rows: backfills (INSERT, UPDATE, MERGE, REPLACE, also after WITH), DELETE and TRUNCATE. */
    static boolean isDml(SqlStatement s) {
        return s.kind().writesRows() || s.kind().verb() == Verb.TRUNCATE;
    }

    private static boolean isQuery(SqlStatement s) {
        Verb v = s.kind().mainVerb();
        return v == Verb.SELECT || v == Verb.SHOW || v == Verb.EXPLAIN;
    }

    private static String firstLine(String text) {
        String one = text.strip().replaceAll("\\s+", " ");
        return one.length() > 100 ? one.substring(0, 97) + "..." : one;
    }
}
