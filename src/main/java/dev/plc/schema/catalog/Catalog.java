package dev.plc.schema.catalog;

import dev.plc.db.Dialect;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a database's catalog says about one schema (PostgreSQL: every non-system schema, the current one named bare;
 * MariaDB/MySQL: the current database), read in a handful of catalog queries, one per object kind. PostgreSQL objects
 * that belong to an extension are left out: the extension and its version stand for them. It is the truth a statement's effect is
 * read from: {@link CatalogDiff} compares two of them.
 *
 * <p>Every list is sorted (relations by name, columns by position, the rest by name) so two reads of the same
 * schema are equal. Definitions are the database's own rendering ({@code pg_get_constraintdef},
 * {@code pg_get_indexdef}, {@code SHOW CREATE}-style text), never text we wrote.
 *
 * @param dialect    the engine it was read from: decides how relations and columns are matched (PostgreSQL oids and
 *                   attnums survive a table rewrite; an InnoDB table id does not survive ALGORITHM=COPY)
 * @param currentSchema current_schema() / database(): relations in it are named without a schema
 * @param relations  tables, partitioned tables, views, materialized views, foreign tables
 * @param types      user-defined types: enums, domains, composites, ranges (PostgreSQL); empty on MariaDB/MySQL
 * @param sequences  sequences, including those owned by identity/serial columns
 * @param routines   functions and procedures
 * @param schemas    the non-system schemas that exist (PostgreSQL); the current database on MariaDB/MySQL
 * @param extensions installed extensions with their version (PostgreSQL)
 */
public record Catalog(Dialect dialect, String currentSchema, List<Relation> relations, List<TypeDef> types, List<Sequence> sequences, List<Routine> routines,
                      List<String> schemas, List<String> extensions) {

    private static final Pattern LABELLED = Pattern.compile("(?is)^\\s*(enum|set)\\s*\\((.*)\\)\\s*$");
    private static final Pattern LABEL = Pattern.compile("'((?:[^']|'')*)'");

    /** The labels, in order, of a MariaDB/MySQL {@code enum('a','b')} or {@code set(...)} column type; null when it is neither. */
    public static List<String> labels(String columnType) {
        Matcher m = LABELLED.matcher(columnType == null ? "" : columnType);
        if (!m.matches()) {
            return null;
        }
        return LABEL.matcher(m.group(2)).results().map(r -> r.group(1).replace("''", "'")).toList();
    }

    /**
     * History tables of migration tools: they are part of the database but not of the schema a change is about
     * (the same list as SchemaReader).
     */
    public static final Set<String> TOOL_TABLES = Set.of(
            "flyway_schema_history", "schema_version", "databasechangelog", "databasechangeloglock",
            "schema_migrations", "goose_db_version", "__diesel_schema_migrations", "_sqlx_migrations",
            "_prisma_migrations", "alembic_version", "django_migrations", "ar_internal_metadata",
            "knex_migrations", "knex_migrations_lock", "migrations", "__efmigrationshistory");

    public Catalog {
        relations = List.copyOf(relations);
        types = List.copyOf(types);
        sequences = List.copyOf(sequences);
        routines = List.copyOf(routines);
        schemas = List.copyOf(schemas);
        extensions = List.copyOf(extensions);
    }

    /** A relation by its display name ({@link #displayName}): "users" in the current schema, "audit.log" elsewhere. */
    public Optional<Relation> relation(String name) {
        return relations.stream().filter(r -> displayName(r).equalsIgnoreCase(name)).findFirst()
                .or(() -> relations.stream().filter(r -> r.name().equalsIgnoreCase(name)).findFirst());
    }

    /** The relation's name, qualified with its schema when that is not the current schema. */
    public String displayName(Relation relation) {
        return relation.schema() == null || relation.schema().equals(currentSchema) ? relation.name()
                : relation.schema() + "." + relation.name();
    }

    /** The same catalog without migration-tool history tables and the sequences they own: what comparisons look at. */
    public Catalog withoutToolTables() {
        List<Relation> kept = relations.stream().filter(r -> !isToolTable(r)).toList();
        List<Sequence> seqs = sequences.stream().filter(s -> s.ownedBy() == null
                || !TOOL_TABLES.contains(s.ownedBy().substring(0, Math.max(0, s.ownedBy().lastIndexOf('.'))).toLowerCase(Locale.ROOT)))
                .toList();
        return new Catalog(dialect, currentSchema, kept, types, seqs, routines, schemas, extensions);
    }

    private boolean isToolTable(Relation r) {
        return r.isTable() && TOOL_TABLES.contains(r.name().toLowerCase(Locale.ROOT));
    }

    /**
     * @param id           what survives a rename: PostgreSQL pg_class.oid; MariaDB/MySQL the InnoDB table id where readable, else null
     * @param kind         TABLE, PARTITIONED_TABLE, VIEW, MATERIALIZED_VIEW, FOREIGN_TABLE
     * @param definition   views and materialized views: the query (pg_get_viewdef / VIEW_DEFINITION); null otherwise
     * @param partitionOf  the parent table of a partition, null otherwise
     * @param partitionBound the bound of a partition (pg_get_expr(relpartbound)), or the partition key of a partitioned table
     * @param options      storage options as the database reports them: reloptions (fillfactor=70), ENGINE, charset, collation, ROW_FORMAT, persistence (UNLOGGED), tablespace
     */
    public record Relation(String schema, String name, String id, String kind, List<Column> columns, List<Constraint> constraints,
                           List<Index> indexes, List<Trigger> triggers, String comment, String definition, String partitionOf,
                           String partitionBound, List<String> options) {

        public Optional<Column> column(String name) {
            return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
        }

        public boolean isTable() {
            return kind.equals("TABLE") || kind.equals("PARTITIONED_TABLE");
        }
    }

    /**
     * @param position     what survives a rename: PostgreSQL pg_attribute.attnum (a drop + add gets a new one); MariaDB/MySQL ORDINAL_POSITION (does not survive reordering)
     * @param type         as the database renders it: format_type(atttypid, atttypmod) / COLUMN_TYPE (varchar(255), enum('a','b'), int(11) unsigned)
     * @param defaultValue the default as SQL (pg_get_expr(adbin) / COLUMN_DEFAULT normalised to SQL), null when none
     * @param identity     ALWAYS, BY DEFAULT (PostgreSQL identity), AUTO_INCREMENT, or null; serial shows as a nextval default
     * @param generated    the expression of a generated column with STORED/VIRTUAL, or null
     * @param collation    an explicit collation (PostgreSQL: only when it differs from the type's default; MariaDB/MySQL: COLLATION_NAME)
     * @param extra        anything else the catalog says about the column (MariaDB/MySQL EXTRA such as "on update current_timestamp()", PostgreSQL attstattarget / attstorage when changed from the default, charset)
     */
    public record Column(String name, int position, String type, boolean notNull, String defaultValue, String identity,
                         String generated, String collation, String comment, List<String> extra) {
    }

    /**
     * @param kind       PRIMARY_KEY, UNIQUE, FOREIGN_KEY, CHECK, EXCLUDE, NOT_NULL (PostgreSQL 18 catalogs them), TRIGGER
     * @param definition pg_get_constraintdef / rebuilt from information_schema (CHECK (...), FOREIGN KEY (a) REFERENCES t(b) ON DELETE CASCADE)
     * @param validated  false for a PostgreSQL NOT VALID constraint
     * @param columns    the constrained columns in key order
     * @param references the referenced table of a foreign key (display name), null otherwise
     * @param comment    COMMENT ON CONSTRAINT (PostgreSQL), null when none
     */
    public record Constraint(String name, String kind, String definition, boolean validated, List<String> columns, String references,
                             String comment) {
    }

    /**
     * @param definition pg_get_indexdef / rebuilt from STATISTICS (CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX name ON t (a(50), b DESC))
     * @param columns    the key columns, in order; an expression key is given as its expression text
     * @param valid      false for a PostgreSQL index left invalid by a failed CREATE INDEX CONCURRENTLY
     * @param constraint the constraint it backs (primary key / unique), or null
     */
    public record Index(String name, String definition, boolean unique, boolean primary, boolean valid, List<String> columns,
                        String constraint) {
    }

    /** @param definition pg_get_triggerdef / ACTION_TIMING + EVENT + ACTION_STATEMENT */
    public record Trigger(String name, String definition, boolean enabled) {
    }

    /**
     * @param kind   ENUM, DOMAIN, COMPOSITE, RANGE, BASE
     * @param labels   enum labels in sort order (pg_enum.enumsortorder)
     * @param labelIds the pg_enum oid of each label, parallel to labels: ALTER TYPE ... RENAME VALUE keeps it
     * @param definition domains: base type, NOT NULL, DEFAULT and CHECKs; composites: the attributes; ranges: the subtype
     */
    public record TypeDef(String schema, String name, String id, String kind, List<String> labels, List<String> labelIds,
                          String definition) {
    }

    /** @param ownedBy table.column that owns it (serial / identity), or null */
    public record Sequence(String schema, String name, String id, String type, long start, long increment, long min, long max,
                           boolean cycle, String ownedBy) {
    }

    /** @param signature name(argument types); @param definitionHash sha256 of the body, so a changed body shows without carrying it */
    public record Routine(String schema, String name, String kind, String signature, String returns, String volatility,
                          String definitionHash) {
    }
}
