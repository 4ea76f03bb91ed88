package dev.plc.lint.rule;

import dev.plc.sql.Clause;
import dev.plc.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An ALTER TABLE statement read into its table and its comma-separated actions. */
public record AlterTable(String table, List<Action> actions) {

    public enum Kind {
        ADD_COLUMN, ADD_CONSTRAINT, ADD_INDEX, ALTER_COLUMN, DROP_COLUMN, DROP_CONSTRAINT, DROP_INDEX,
        RENAME_COLUMN, RENAME_TABLE, MODIFY_COLUMN, CHANGE_COLUMN, VALIDATE_CONSTRAINT, OPTION, OTHER
    }

    /**
     * One action. {@code column} is the column it works on (the old name for renames),
     * {@code definition} the column definition (ADD/MODIFY/CHANGE COLUMN, or the new type of ALTER
     * COLUMN ... TYPE), {@code constraintType} PRIMARY/UNIQUE/FOREIGN/CHECK/EXCLUDE for an added
     * constraint, {@code name} the constraint or index name when given, {@code newName} the new
     * name of a rename, {@code rest} what follows the column of an ALTER COLUMN.
     */
    public record Action(Kind kind, Clause clause, String column, ColumnDef definition, String constraintType,
                         String name, String newName, Clause rest) {

        public boolean notValid() {
            return clause.contains("NOT", "VALID");
        }

        public boolean usingIndex() {
            return clause.contains("USING", "INDEX");
        }

        public boolean ifNotExists() {
            return clause.contains("IF", "NOT", "EXISTS");
        }

        public boolean ifExists() {
            return clause.contains("IF", "EXISTS");
        }

        public boolean setsNotNull() {
            return kind == Kind.ALTER_COLUMN && rest.startsWith("SET", "NOT", "NULL");
        }

        public boolean dropsNotNull() {
            return kind == Kind.ALTER_COLUMN && rest.startsWith("DROP", "NOT", "NULL");
        }

        /** ALTER COLUMN x TYPE t / SET DATA TYPE t. */
        public boolean changesType() {
            return kind == Kind.ALTER_COLUMN && definition != null;
        }

        /** The DEFAULT of an ADD COLUMN, or null (not an added column, or no default). */
        public Clause addedDefault() {
            return kind == Kind.ADD_COLUMN && definition != null ? definition.defaultValue() : null;
        }

        /** An inline REFERENCES on an added column counts as a foreign key too. */
        public boolean addsForeignKey() {
            return (kind == Kind.ADD_CONSTRAINT && "FOREIGN".equals(constraintType))
                    || (kind == Kind.ADD_COLUMN && definition != null && definition.references());
        }
    }

    public static Optional<AlterTable> of(SqlStatement s) {
        if (!s.isAlterTable()) {
            return Optional.empty();
        }
        int nameIndex = s.tableNameIndex();
        if (nameIndex < 0) {
            return Optional.empty();
        }
        Clause all = s.clause();
        int after = nameIndex + all.qualifiedNameLength(nameIndex);
        if (all.at(after, "*")) {
            after++;
        }
        List<Action> actions = new ArrayList<>();
        for (Clause a : all.sub(after).splitTopLevel()) {
            actions.add(action(a));
        }
        return Optional.of(new AlterTable(s.tableName(), actions));
    }

    /** The value of ALGORITHM=... (upper case), or null. */
    public String algorithm() {
        return option("ALGORITHM");
    }

    /** The value of LOCK=... (upper case), or null. */
    public String lock() {
        return option("LOCK");
    }

    private String option(String key) {
        for (Action a : actions) {
            if (a.kind() == Kind.OPTION && a.clause().startsWith(key)) {
                return a.clause().token(a.clause().at(1, "=") ? 2 : 1);
            }
        }
        return null;
    }

    private static Action action(Clause a) {
        if (a.startsWith("ADD")) {
            return add(a);
        }
        if (a.startsWith("DROP")) {
            int i = 1;
            if (a.at(i, "CONSTRAINT|PRIMARY|FOREIGN|CHECK")) {
                int n = a.at(i, "CONSTRAINT") ? skipIfExists(a, i + 1) : -1;
                return new Action(Kind.DROP_CONSTRAINT, a, null, null, null, n < 0 ? null : a.word(n), null, null);
            }
            if (a.at(i, "INDEX|KEY")) {
                return new Action(Kind.DROP_INDEX, a, null, null, null, a.word(skipIfExists(a, i + 1)), null, null);
            }
            if (a.at(i, "DEFAULT|PARTITION|SYSTEM|PERIOD|EXPRESSION|IDENTITY")) {
                return other(a);
            }
            if (a.at(i, "COLUMN")) {
                i++;
            }
            i = skipIfExists(a, i);
            return new Action(Kind.DROP_COLUMN, a, a.word(i), null, null, null, null, null);
        }
        if (a.startsWith("ALTER")) {
            if (a.at(1, "CONSTRAINT|INDEX|CHECK")) {
                return other(a);
            }
            int i = a.at(1, "COLUMN") ? 2 : 1;
            String column = a.word(i);
            Clause rest = a.sub(i + 1);
            if (rest.startsWith("RENAME", "TO")) { // H2: ALTER COLUMN a RENAME TO b
                return new Action(Kind.RENAME_COLUMN, a, column, null, null, null, rest.word(2), rest);
            }
            ColumnDef type = null;
            if (rest.startsWith("TYPE")) {
                type = ColumnDef.typeOnly(column, rest, 1);
            } else if (rest.startsWith("SET", "DATA", "TYPE")) {
                type = ColumnDef.typeOnly(column, rest, 3);
            }
            return new Action(Kind.ALTER_COLUMN, a, column, type, null, null, null, rest);
        }
        if (a.startsWith("RENAME")) {
            if (a.at(1, "COLUMN")) {
                return new Action(Kind.RENAME_COLUMN, a, a.word(2), null, null, null, a.word(4), null);
            }
            if (a.at(1, "TO|AS")) {
                return new Action(Kind.RENAME_TABLE, a, null, null, null, null, a.qualifiedName(2), null);
            }
            if (a.at(1, "CONSTRAINT|INDEX|KEY")) {
                return other(a);
            }
            if (a.at(2, "TO")) { // PostgreSQL: RENAME a TO b renames a column
                return new Action(Kind.RENAME_COLUMN, a, a.word(1), null, null, null, a.word(3), null);
            }
            return new Action(Kind.RENAME_TABLE, a, null, null, null, null, a.qualifiedName(1), null);
        }
        if (a.startsWith("MODIFY")) {
            int i = a.at(1, "COLUMN") ? 2 : 1;
            return new Action(Kind.MODIFY_COLUMN, a, a.word(i), ColumnDef.parse(a, i), null, null, null, null);
        }
        if (a.startsWith("CHANGE")) {
            int i = a.at(1, "COLUMN") ? 2 : 1;
            return new Action(Kind.CHANGE_COLUMN, a, a.word(i), ColumnDef.parse(a, i + 1), null, null,
                    a.word(i + 1), null);
        }
        if (a.startsWith("VALIDATE", "CONSTRAINT")) {
            return new Action(Kind.VALIDATE_CONSTRAINT, a, null, null, null, a.word(2), null, null);
        }
        if (a.startsWith("ALGORITHM") || a.startsWith("LOCK")) {
            return new Action(Kind.OPTION, a, null, null, null, null, null, null);
        }
        return other(a);
    }

    private static Action add(Clause a) {
        int i = 1;
        boolean column = false;
        if (a.at(i, "COLUMN")) {
            column = true;
            i++;
        }
        if (a.at(i, "IF", "NOT", "EXISTS")) {
            i += 3;
        }
        if (!column) {
            String name = null;
            int k = i;
            if (a.at(k, "CONSTRAINT")) {
                name = a.isName(k + 1) && !a.at(k + 1, "PRIMARY|UNIQUE|FOREIGN|CHECK|EXCLUDE") ? a.word(k + 1) : null;
                k += name == null ? 1 : 2;
            }
            if (a.at(k, "PRIMARY|UNIQUE|FOREIGN|CHECK|EXCLUDE")) {
                return new Action(Kind.ADD_CONSTRAINT, a, null, null, a.token(k), name, null, null);
            }
            if (a.at(k, "INDEX|KEY|FULLTEXT|SPATIAL")) {
                return new Action(Kind.ADD_INDEX, a, null, null, null, null, null, null);
            }
            if (a.at(i, "(") || a.at(i, "PARTITION")) {
                return other(a);
            }
        }
        return new Action(Kind.ADD_COLUMN, a, a.word(i), ColumnDef.parse(a, i), null, null, null, null);
    }

    private static int skipIfExists(Clause a, int i) {
        return a.at(i, "IF", "EXISTS") ? i + 2 : i;
    }

    private static Action other(Clause a) {
        return new Action(Kind.OTHER, a, null, null, null, null, null, null);
    }
}
