package dev.plc.inspect;

import dev.plc.apply.ApplyResult;
import dev.plc.apply.MigrationApplier;
import dev.plc.apply.MigrationSet;
import dev.plc.apply.MigrationSets;
import dev.plc.core.PlcException;
import dev.plc.core.Progress;
import dev.plc.db.DatabaseErrors;
import dev.plc.db.DatabaseInfo;
import dev.plc.db.DatabaseServer;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabaseException;
import dev.plc.db.ScratchDatabases;
import dev.plc.db.Secrets;
import dev.plc.repo.DataAccessLayer;
import dev.plc.repo.DialectFinding;
import dev.plc.repo.MigrationFramework;
import dev.plc.repo.RepoIndex;
import dev.plc.repo.access.DataAccessDetector;
import dev.plc.repo.dialect.DialectDetector;
import dev.plc.repo.migrations.MigrationDetectors;
import dev.plc.repo.profile.ValidationsReader;
import dev.plc.schema.SchemaReader;
import dev.plc.schema.SchemaSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** The service behind {@code inspect_repo}: finds the migration mechanism, dialect, data access, validations and schema. */
public final class RepoInspector {

    /**
     * @param repo        an existing folder (see {@link RepoPaths})
     * @param databaseUrl a live database to read the schema from, read-only (null: build it from the migrations)
     * @param introspect  whether to read the schema at all
     * @param timeout     bound for applying the migrations
     */
    public record Request(Path repo, String databaseUrl, boolean introspect, Duration timeout) {
    }

    /** Frameworks whose migrations are the usual choice when a repo has several, best first. */
    private static final List<String> PREFERENCE = List.of("flyway", "liquibase", "golang-migrate", "goose", "dbmate",
            "sqlx", "diesel", "prisma", "alembic", "django", "rails", "knex", "typeorm", "ef-core");

    private final ScratchDatabases scratch;

    public RepoInspector(ScratchDatabases scratch) {
        this.scratch = scratch;
    }

    /** The repo's files, or a FAILED_PRECONDITION that says why they cannot be read. */
    public static RepoIndex index(Path repo) {
        try {
            return RepoIndex.scan(repo);
        } catch (IOException e) {
            throw new PlcException(PlcException.Code.FAILED_PRECONDITION, "cannot read repo " + repo + ": " + e.getMessage(), e);
        }
    }

    public RepoInspection inspect(Request request, Progress progress) {
        long start = System.nanoTime();
        progress.report(0, 4, "scanning files");
        return inspect(index(request.repo()), request, progress, start);
    }

    /** Inspects a repo whose files the caller already indexed (so the other tools walk the repo once). */
    public RepoInspection inspect(RepoIndex index, Request request, Progress progress) {
        return inspect(index, request, progress, System.nanoTime());
    }

    private RepoInspection inspect(RepoIndex index, Request request, Progress progress, long start) {
        progress.report(1, 4, "detecting migration frameworks, dialect and data access");
        List<MigrationFramework> frameworks = new ArrayList<>(MigrationDetectors.detectAll(index));
        frameworks.sort(primaryFirst());
        MigrationFramework primary = frameworks.isEmpty() ? null : frameworks.get(0);
        DialectFinding dialect = new DialectDetector().detect(index);
        List<DataAccessLayer> dataAccess = new DataAccessDetector().detect(index);
        ValidationsReader.Result validations = new ValidationsReader().read(index);

        List<String> warnings = new ArrayList<>(validations.warnings());
        List<String> recommendations = new ArrayList<>();
        if (primary == null) {
            recommendations.add(noFrameworkAdvice(index));
        } else if (frameworks.size() > 1) {
            warnings.add("several migration mechanisms found (" + String.join(", ", frameworks.stream().map(MigrationFramework::name).toList())
                    + "); new migrations should use " + primary.name() + ", the one with the most migrations");
        }
        warnings.addAll(ignoredLocations(index, frameworks));
        if ("unknown".equals(dialect.name())) {
            warnings.add("the SQL dialect could not be determined from the repo; add the JDBC URL or driver to the build/config, "
                    + "or pass database_url");
        }

        progress.report(2, 4, "reading the current schema");
        SchemaResult schema = readSchema(request, index, primary, dialect, warnings);
        progress.report(4, 4, "done");
        return new RepoInspection(index.root().toString(), List.copyOf(frameworks), primary == null ? null : primary.name(), dialect,
                dataAccess, validations.validations(), schema.snapshot(), schema.source(), List.copyOf(warnings),
                List.copyOf(recommendations), index.files().size(), (System.nanoTime() - start) / 1_000_000);
    }

    private record SchemaResult(SchemaSnapshot snapshot, RepoInspection.SchemaSource source) {
        static SchemaResult skipped(String reason) {
            return new SchemaResult(null, RepoInspection.SchemaSource.skipped(reason));
        }
    }

    private SchemaResult readSchema(Request request, RepoIndex index, MigrationFramework primary, DialectFinding dialect, List<String> warnings) {
        if (!request.introspect()) {
            return SchemaResult.skipped("introspect is false");
        }
        if (request.databaseUrl() != null && !request.databaseUrl().isBlank()) {
            return readLive(request.databaseUrl());
        }
        if (primary == null) {
            return SchemaResult.skipped("no migration framework, so there are no migrations to build the schema from");
        }
        MigrationSet set = MigrationSets.of(index, primary);
        if (set.unsupported() != null) {
            return SchemaResult.skipped(set.unsupported());
        }
        warnings.addAll(set.warnings());
        Dialect target = Dialect.fromId(dialect.name()).orElse(Dialect.H2);
        if (Dialect.fromId(dialect.name()).isEmpty()) {
            warnings.add("dialect unknown: the migrations were applied to embedded H2, which may reject vendor SQL");
        }
        try (ScratchDatabase db = scratch.create(target, null)) {
            ApplyResult applied = new MigrationApplier(index.root()).apply(db, set, request.timeout());
            if (!applied.ok()) {
                return new SchemaResult(null, new RepoInspection.SchemaSource("failed", "migrations", db.info(), applied.applied(),
                        applied.failure(), null));
            }
            try (Connection c = db.connect()) {
                SchemaSnapshot snapshot = SchemaReader.read(c, db.dialect());
                return new SchemaResult(snapshot, new RepoInspection.SchemaSource("read", "migrations", db.info(), applied.applied(), null, null));
            }
        } catch (ScratchDatabaseException e) {
            return SchemaResult.skipped("no throwaway " + target.id() + " database could be made: " + e.getMessage());
        } catch (SQLException e) {
            return SchemaResult.skipped("the schema could not be read: " + Secrets.redact(e.getMessage()));
        }
    }

    private static SchemaResult readLive(String url) {
        Dialect dialect = Dialect.fromJdbcUrl(url.startsWith("jdbc:") ? url : "jdbc:" + url.replaceFirst("^postgres:", "postgresql:"))
                .orElseThrow(() -> PlcException.invalid("database_url '" + Secrets.redact(url)
                        + "' is not a supported JDBC URL: use postgres://, postgresql://, jdbc:postgresql://, mysql://, mariadb://, jdbc:mysql://, "
                        + "jdbc:mariadb://, jdbc:h2: or jdbc:sqlite:"));
        DatabaseServer server = null;
        if (dialect == Dialect.POSTGRESQL || dialect.isMysqlFamily()) {
            try {
                server = DatabaseServer.parse(url, "live");
            } catch (IllegalArgumentException e) {
                throw PlcException.invalid("database_url: " + e.getMessage());
            }
        }
        String shown = server == null ? Secrets.redact(url) : server.scrub(url);
        try (Connection c = server == null ? DriverManager.getConnection(url) : server.connect(server.adminUrl(), 5)) {
            c.setReadOnly(true);
            String version = c.getMetaData().getDatabaseProductVersion();
            SchemaSnapshot snapshot = SchemaReader.read(c, dialect);
            DatabaseInfo info = new DatabaseInfo(dialect.id(), version, "live", false, dialect.id(), shown,
                    "read-only: the schema was read, nothing was written");
            return new SchemaResult(snapshot, new RepoInspection.SchemaSource("read", "live", info, null, null, null));
        } catch (SQLException e) {
            String message = DatabaseErrors.describe(e);
            throw new PlcException(PlcException.Code.UNAVAILABLE, "could not read the live database " + shown + ": "
                    + (server == null ? message : server.scrub(message)), e);
        }
    }

    /**
     * A migration location that git ignores entirely is not part of the repository (so it was not read), which is
     * rarely what the repo's authors meant: say so instead of reporting an empty location.
     */
    static List<String> ignoredLocations(RepoIndex index, List<MigrationFramework> frameworks) {
        List<String> warnings = new ArrayList<>();
        for (MigrationFramework framework : frameworks) {
            for (String location : framework.locations()) {
                index.ignoredBecause(location).ifPresent(reason -> warnings.add("the " + framework.name() + " migration location " + location
                        + " is ignored by git (" + reason + "): its files are not part of the repository, so they were not read; "
                        + "if they are the real migrations, un-ignore them (a `!` pattern, or remove the pattern) and commit them"));
            }
        }
        return warnings;
    }

    private static Comparator<MigrationFramework> primaryFirst() {
        Comparator<MigrationFramework> byCount = Comparator.comparingInt(MigrationFramework::count).reversed();
        return byCount.thenComparingInt(f -> {
            int i = PREFERENCE.indexOf(f.name());
            return i < 0 ? PREFERENCE.size() : i;
        });
    }

    private static final Set<String> JVM_BUILD_FILES = Set.of("pom.xml", "build.gradle", "build.gradle.kts");

    private static String noFrameworkAdvice(RepoIndex index) {
        boolean jvm = index.files().stream().anyMatch(f -> JVM_BUILD_FILES.contains(RepoIndex.fileName(f)));
        String suggestion = jvm
                ? "add Flyway (org.flywaydb:flyway-core plus the database module) and put a baseline migration "
                        + "src/main/resources/db/migration/V1__baseline.sql that creates the current schema"
                : "adopt the migration tool of your stack (e.g. golang-migrate, Alembic, Prisma Migrate, Knex) and start with a baseline migration";
        return "No migration framework was found. Do not change the schema with ad-hoc SQL: establish one first: " + suggestion
                + ". Then call inspect_repo again.";
    }
}
