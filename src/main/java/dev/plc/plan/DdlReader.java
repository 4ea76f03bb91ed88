package dev.plc.plan;

import dev.plc.core.PlcException;
import dev.plc.db.Dialect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.ParserException;

/**
 * Reads a change given as DDL text into operations. jOOQ's parser checks each statement (so a typo is an error
 * that names the statement and the position); the operations are read from the original text, so types keep the
 * user's spelling. Online-DDL modifiers that jOOQ does not parse (CONCURRENTLY, NOT VALID, ALGORITHM/LOCK) are
 * set aside first: the planner decides them itself.
 */
public final class DdlReader {

    private static final String IDENT = "(?:\"[^\"]+\"|`[^`]+`|\\[[^\\]]+\\]|[A-Za-z_][\\w$]*)";
    private static final String QNAME = "(?:" + IDENT + "\\.)?(" + IDENT + ")";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;

    private static final Pattern ALTER_TABLE = Pattern.compile("^ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?" + QNAME + "\\s+(.*)$", FLAGS);
    private static final Pattern CREATE_INDEX = Pattern.compile("^CREATE\\s+(UNIQUE\\s+)?INDEX\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?" + QNAME
            + "\\s+ON\\s+(?:ONLY\\s+)?" + QNAME + "\\s*(?:USING\\s+\\w+\\s*)?\\((.*?)\\)\\s*(?:WHERE\\s+(.*))?$", FLAGS);
    private static final Pattern DROP_INDEX = Pattern.compile("^DROP\\s+INDEX\\s+(?:IF\\s+EXISTS\\s+)?" + QNAME + "(?:\\s+ON\\s+" + QNAME + ")?$", FLAGS);
    private static final Pattern DROP_TABLE = Pattern.compile("^DROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?" + QNAME + "(?:\\s+(?:CASCADE|RESTRICT))?$", FLAGS);
    private static final Pattern RENAME_TABLE = Pattern.compile("^RENAME\\s+TABLE\\s+" + QNAME + "\\s+TO\\s+" + QNAME + "$", FLAGS);
    private static final Pattern CREATE_TABLE = Pattern.compile("^CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?" + QNAME + "\\s*\\((.*)\\)[^)]*$", FLAGS);
    private static final Pattern ONLINE_NOISE = Pattern.compile(
            "(?i)\\s+CONCURRENTLY\\b|\\s+NOT\\s+VALID\\b|,\\s*(ALGORITHM|LOCK)\\s*=\\s*\\w+");

    private static final Pattern TYPE_USING = Pattern.compile("(?is)(\\bTYPE\\s+\\S+?(?:\\([^)]*\\))?)\\s+USING\\s+[^,]+");

    private final Dialect dialect;

    public DdlReader(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The operations of the script, in order; every statement becomes operations or an error that names it. */
    public List<Operation> read(String sql) {
        if (sql == null || sql.isBlank()) {
            throw PlcException.invalid("change.sql is empty: give one or more DDL statements, e.g. ALTER TABLE orders ADD COLUMN note text");
        }
        List<Operation> out = new ArrayList<>();
        for (String raw : statements(sql)) {
            String statement = ONLINE_NOISE.matcher(raw).replaceAll("").strip();
            if (statement.toUpperCase(Locale.ROOT).startsWith("SET ")) {
                continue; // session settings (lock_timeout...): the planner writes its own
            }
            for (String part : syntaxUnits(statement)) {
                // jOOQ does not parse ALTER ... TYPE ... USING: check the statement without it, read it with it
                checkSyntax(raw, TYPE_USING.matcher(part).replaceAll("$1"));
            }
            out.addAll(operationsOf(raw, statement));
        }
        if (out.isEmpty()) {
            throw PlcException.invalid("change.sql has no schema change (only SET statements?)");
        }
        return out;
    }

    /** jOOQ parses one ALTER COLUMN action per ALTER TABLE: multi-action statements are checked action by action. */
    private static List<String> syntaxUnits(String statement) {
        Matcher m = ALTER_TABLE.matcher(statement);
        if (!m.matches()) {
            return List.of(statement);
        }
        String head = statement.substring(0, m.start(2));
        return splitTopLevel(m.group(2)).stream().map(action -> head + action.strip()).toList();
    }

    private void checkSyntax(String raw, String statement) {
        if (statement.toUpperCase(Locale.ROOT).startsWith("RENAME TABLE")) {
            return; // MySQL syntax jOOQ does not parse in every dialect; the pattern below is strict
        }
        try {
            DSL.using(dialect.jooq(), new Settings().withParseDialect(dialect.jooq())).parser().parse(statement);
        } catch (ParserException e) {
            throw PlcException.invalid("cannot parse the statement `" + shorten(raw) + "`: " + e.getMessage().lines().findFirst().orElse("")
                    + " (give it as operations instead, or fix the SQL)");
        }
    }

    private List<Operation> operationsOf(String raw, String s) {
        Matcher m;
        if ((m = ALTER_TABLE.matcher(s)).matches()) {
            List<Operation> ops = new ArrayList<>();
            for (String action : splitTopLevel(m.group(2))) {
                ops.add(alterAction(raw, name(m.group(1)), action.strip()));
            }
            return ops;
        }
        if ((m = CREATE_INDEX.matcher(s)).matches()) {
            return List.of(Operation.of("add_index", name(m.group(3))).withName(name(m.group(2))).withColumns(columns(m.group(4)))
                    .withUnique(m.group(1) != null).withWhere(m.group(5) == null ? null : m.group(5).strip()));
        }
        if ((m = DROP_INDEX.matcher(s)).matches()) {
            return List.of(Operation.of("drop_index", m.group(2) == null ? null : name(m.group(2))).withName(name(m.group(1))));
        }
        if ((m = DROP_TABLE.matcher(s)).matches()) {
            return List.of(Operation.of("drop_table", name(m.group(1))));
        }
        if ((m = RENAME_TABLE.matcher(s)).matches()) {
            return List.of(Operation.of("rename_table", name(m.group(1))).withNewName(name(m.group(2))));
        }
        if ((m = CREATE_TABLE.matcher(s)).matches()) {
            return createTable(raw, name(m.group(1)), m.group(2));
        }
        throw unsupported(raw);
    }

    private static final Pattern ADD_CONSTRAINT = Pattern.compile("^ADD\\s+(?:CONSTRAINT\\s+(" + IDENT + ")\\s+)?(.*)$", FLAGS);
    private static final Pattern FOREIGN_KEY = Pattern.compile("^FOREIGN\\s+KEY\\s*(?:" + IDENT + "\\s*)?\\((.*?)\\)\\s*REFERENCES\\s+" + QNAME
            + "\\s*(?:\\((.*?)\\))?\\s*(?:ON\\s+DELETE\\s+(CASCADE|SET\\s+NULL|SET\\s+DEFAULT|RESTRICT|NO\\s+ACTION))?.*$", FLAGS);
    private static final Pattern UNIQUE = Pattern.compile("^UNIQUE(?:\\s+(?:INDEX|KEY))?\\s*(" + IDENT + ")?\\s*\\((.*?)\\)$", FLAGS);
    private static final Pattern CHECK = Pattern.compile("^CHECK\\s*\\((.*)\\)$", FLAGS);
    private static final Pattern ADD_INDEX = Pattern.compile("^ADD\\s+(UNIQUE\\s+)?(?:INDEX|KEY)\\s+(" + IDENT + ")?\\s*\\((.*?)\\)$", FLAGS);
    private static final Pattern ADD_COLUMN = Pattern.compile("^ADD\\s+(?:COLUMN\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?(" + IDENT + ")\\s+(.+)$", FLAGS);
    private static final Pattern DROP_COLUMN = Pattern.compile("^DROP\\s+(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?(" + IDENT + ")(?:\\s+(?:CASCADE|RESTRICT))?$", FLAGS);
    private static final Pattern DROP_CONSTRAINT = Pattern.compile("^DROP\\s+(CONSTRAINT|FOREIGN\\s+KEY|INDEX|KEY|CHECK)\\s+(?:IF\\s+EXISTS\\s+)?(" + IDENT + ")(?:\\s+(?:CASCADE|RESTRICT))?$", FLAGS);
    private static final Pattern RENAME_COLUMN = Pattern.compile("^RENAME\\s+(?:COLUMN\\s+)?(" + IDENT + ")\\s+TO\\s+(" + IDENT + ")$", FLAGS);
    private static final Pattern RENAME_TO = Pattern.compile("^RENAME\\s+(?:TO|AS)\\s+" + QNAME + "$", FLAGS);
    private static final Pattern ALTER_COLUMN = Pattern.compile("^ALTER\\s+(?:COLUMN\\s+)?(" + IDENT + ")\\s+(.*)$", FLAGS);
    private static final Pattern TYPE = Pattern.compile("^(?:SET\\s+DATA\\s+)?TYPE\\s+(.+?)(?:\\s+USING\\s+(.+))?$", FLAGS);
    private static final Pattern MODIFY = Pattern.compile("^MODIFY\\s+(?:COLUMN\\s+)?(" + IDENT + ")\\s+(.+)$", FLAGS);

    private Operation alterAction(String raw, String table, String action) {
        Matcher m;
        if ((m = ADD_INDEX.matcher(action)).matches()) {
            return Operation.of("add_index", table).withName(m.group(2) == null ? null : name(m.group(2))).withColumns(columns(m.group(3)))
                    .withUnique(m.group(1) != null);
        }
        if ((m = ADD_CONSTRAINT.matcher(action)).matches() && isConstraint(m.group(2))) {
            return constraint(raw, table, m.group(1) == null ? null : name(m.group(1)), m.group(2).strip());
        }
        if ((m = ADD_COLUMN.matcher(action)).matches()) {
            ColumnSpec spec = ColumnSpec.parse(m.group(2));
            return Operation.of("add_column", table).withColumn(name(m.group(1))).withType(spec.type).withNullable(spec.nullable)
                    .withDefault(spec.defaultValue);
        }
        if ((m = DROP_CONSTRAINT.matcher(action)).matches()) {
            String kind = m.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
            String op = switch (kind) {
                case "FOREIGN KEY" -> "drop_foreign_key";
                case "INDEX", "KEY" -> "drop_index";
                default -> "drop_constraint";
            };
            return Operation.of(op, table).withName(name(m.group(2)));
        }
        if ((m = DROP_COLUMN.matcher(action)).matches()) {
            return Operation.of("drop_column", table).withColumn(name(m.group(1)));
        }
        if ((m = RENAME_TO.matcher(action)).matches()) {
            return Operation.of("rename_table", table).withNewName(name(m.group(1)));
        }
        if ((m = RENAME_COLUMN.matcher(action)).matches()) {
            return Operation.of("rename_column", table).withColumn(name(m.group(1))).withNewName(name(m.group(2)));
        }
        if ((m = MODIFY.matcher(action)).matches()) {
            ColumnSpec spec = ColumnSpec.parse(m.group(2));
            return Operation.of("alter_column_type", table).withColumn(name(m.group(1))).withType(spec.type)
                    .withNullable(spec.nullable).withDefault(spec.defaultValue);
        }
        if ((m = ALTER_COLUMN.matcher(action)).matches()) {
            String column = name(m.group(1));
            String rest = m.group(2).strip();
            String upper = rest.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
            Matcher type = TYPE.matcher(rest);
            if (type.matches()) {
                return Operation.of("alter_column_type", table).withColumn(column).withType(type.group(1).strip())
                        .withBackfill(type.group(2) == null ? null : type.group(2).strip());
            }
            if (upper.equals("SET NOT NULL")) {
                return Operation.of("set_not_null", table).withColumn(column);
            }
            if (upper.equals("DROP NOT NULL")) {
                return Operation.of("drop_not_null", table).withColumn(column);
            }
            if (upper.startsWith("SET DEFAULT ")) {
                return Operation.of("set_default", table).withColumn(column).withDefault(rest.substring("SET DEFAULT ".length()).strip());
            }
            if (upper.equals("DROP DEFAULT")) {
                return Operation.of("drop_default", table).withColumn(column);
            }
        }
        throw unsupported(raw + "` (the part `" + action);
    }

    private static boolean isConstraint(String rest) {
        String upper = rest.strip().toUpperCase(Locale.ROOT);
        return upper.startsWith("FOREIGN KEY") || upper.startsWith("UNIQUE") || upper.startsWith("CHECK") || upper.startsWith("PRIMARY KEY");
    }

    private Operation constraint(String raw, String table, String name, String body) {
        Matcher m;
        if ((m = FOREIGN_KEY.matcher(body)).matches()) {
            String onDelete = m.group(4) == null ? null : m.group(4).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            return Operation.of("add_foreign_key", table).withName(name).withColumns(columns(m.group(1)))
                    .withReferences(name(m.group(2)), m.group(3) == null ? null : columns(m.group(3)), onDelete);
        }
        if ((m = UNIQUE.matcher(body)).matches()) {
            return Operation.of("add_unique", table).withName(name != null ? name : m.group(1) == null ? null : name(m.group(1)))
                    .withColumns(columns(m.group(2)));
        }
        if ((m = CHECK.matcher(body)).matches()) {
            return Operation.of("add_check", table).withName(name).withCondition(m.group(1).strip());
        }
        throw PlcException.invalid("`" + shorten(raw) + "`: adding a primary key to an existing table is not supported by plan_change");
    }

    private List<Operation> createTable(String raw, String table, String body) {
        List<Operation.ColumnDef> columns = new ArrayList<>();
        List<String> pk = new ArrayList<>();
        List<Operation> constraints = new ArrayList<>();
        for (String element : splitTopLevel(body)) {
            String e = element.strip();
            String upper = e.toUpperCase(Locale.ROOT);
            Matcher named = Pattern.compile("^CONSTRAINT\\s+(" + IDENT + ")\\s+(.*)$", FLAGS).matcher(e);
            String constraintName = null;
            if (named.matches()) {
                constraintName = name(named.group(1));
                e = named.group(2).strip();
                upper = e.toUpperCase(Locale.ROOT);
            }
            if (upper.startsWith("PRIMARY KEY")) {
                pk.addAll(columns(e.substring(e.indexOf('(') + 1, e.lastIndexOf(')'))));
            } else if (isConstraint(e) || upper.startsWith("KEY ") || upper.startsWith("INDEX ")) {
                if (upper.startsWith("KEY ") || upper.startsWith("INDEX ")) {
                    constraints.add(alterAction(raw, table, "ADD " + e));
                } else {
                    constraints.add(constraint(raw, table, constraintName, e));
                }
            } else {
                Matcher col = Pattern.compile("^(" + IDENT + ")\\s+(.+)$", FLAGS).matcher(e);
                if (!col.matches()) {
                    throw unsupported(raw + "` (the column `" + e);
                }
                ColumnSpec spec = ColumnSpec.parse(col.group(2));
                String colName = name(col.group(1));
                if (spec.primaryKey) {
                    pk.add(colName);
                }
                columns.add(new Operation.ColumnDef(colName, spec.type, spec.nullable, spec.defaultValue, spec.identity));
                if (spec.references != null) {
                    constraints.add(Operation.of("add_foreign_key", table).withColumns(List.of(colName))
                            .withReferences(spec.references, spec.referencesColumns, null));
                }
                if (spec.unique) {
                    constraints.add(Operation.of("add_unique", table).withColumns(List.of(colName)));
                }
            }
        }
        List<Operation> ops = new ArrayList<>();
        ops.add(Operation.of("create_table", table).withTableDefinition(columns, pk.isEmpty() ? null : pk));
        ops.addAll(constraints);
        return ops;
    }

    /** A column definition: the type as written, then the usual clauses. */
    private static final class ColumnSpec {
        private static final Pattern CLAUSE = Pattern.compile(
                "(?i)\\s+(NOT\\s+NULL|NULL|DEFAULT|PRIMARY\\s+KEY|UNIQUE|REFERENCES|CHECK|CONSTRAINT|GENERATED|AUTO_INCREMENT|COLLATE|CHARACTER\\s+SET|COMMENT)\\b");
        String type;
        Boolean nullable;
        String defaultValue;
        boolean primaryKey;
        boolean unique;
        boolean identity;
        String references;
        List<String> referencesColumns;

        static ColumnSpec parse(String text) {
            ColumnSpec spec = new ColumnSpec();
            String s = " " + text.strip();
            Matcher m = CLAUSE.matcher(s);
            int typeEnd = m.find() ? m.start() : s.length();
            spec.type = s.substring(0, typeEnd).strip();
            String rest = s.substring(typeEnd);
            String upper = rest.toUpperCase(Locale.ROOT);
            if (upper.matches("(?s).*\\bNOT\\s+NULL\\b.*")) {
                spec.nullable = false;
            } else if (upper.matches("(?s).*\\bNULL\\b.*")) {
                spec.nullable = true;
            }
            Matcher def = Pattern.compile("(?i)\\bDEFAULT\\s+('(?:[^']|'')*'|\\([^)]*\\)|[\\w.:]+(?:\\([^)]*\\))?(?:::[\\w ]+)?)").matcher(rest);
            if (def.find()) {
                spec.defaultValue = def.group(1).strip();
                if (spec.defaultValue.equalsIgnoreCase("null")) {
                    spec.defaultValue = null;
                }
            }
            spec.primaryKey = upper.contains("PRIMARY KEY");
            spec.unique = upper.matches("(?s).*\\bUNIQUE\\b.*");
            spec.identity = upper.contains("GENERATED") || upper.contains("AUTO_INCREMENT") || spec.type.toLowerCase(Locale.ROOT).contains("serial");
            Matcher ref = Pattern.compile("(?i)\\bREFERENCES\\s+" + QNAME + "\\s*(?:\\((.*?)\\))?").matcher(rest);
            if (ref.find()) {
                spec.references = name(ref.group(1));
                spec.referencesColumns = ref.group(2) == null ? null : columns(ref.group(2));
            }
            if (spec.primaryKey) {
                spec.nullable = false;
            }
            return spec;
        }
    }

    static String name(String identifier) {
        String s = identifier.strip();
        if ((s.startsWith("\"") && s.endsWith("\"")) || (s.startsWith("`") && s.endsWith("`")) || (s.startsWith("[") && s.endsWith("]"))) {
            return s.substring(1, s.length() - 1);
        }
        return s.toLowerCase(Locale.ROOT);
    }

    static List<String> columns(String list) {
        return Arrays.stream(splitTopLevel(list).toArray(String[]::new))
                .map(c -> c.strip().replaceAll("(?i)\\s+(ASC|DESC)$", ""))
                .filter(c -> !c.isEmpty())
                .map(DdlReader::name).toList();
    }

    /** Splits at commas outside parentheses and quotes. */
    static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        StringBuilder current = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        if (!current.toString().isBlank()) {
            parts.add(current.toString());
        }
        return parts;
    }

    /** Statements of a script: split at semicolons outside quotes, comments removed. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                while (i < sql.length() && sql.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
                current.append(' ');
                continue;
            }
            if (c == '\'' || c == '"' || c == '`') {
                int end = i + 1;
                while (end < sql.length() && sql.charAt(end) != c) {
                    end++;
                }
                current.append(sql, i, Math.min(end + 1, sql.length()));
                i = end + 1;
                continue;
            }
            if (c == ';') {
                if (!current.toString().isBlank()) {
                    out.add(current.toString().strip());
                }
                current.setLength(0);
            } else {
                current.append(c);
            }
            i++;
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private static PlcException unsupported(String statement) {
        return PlcException.invalid("`" + shorten(statement) + "` is not a change plan_change understands; use operations "
                + "(op: " + OperationKind.allIds() + ")");
    }

    private static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 160 ? one.substring(0, 160) + "..." : one;
    }
}
