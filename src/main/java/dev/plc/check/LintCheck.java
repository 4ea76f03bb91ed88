package dev.plc.check;

import dev.plc.db.Dialect;
import dev.plc.db.ServerVersion;
import dev.plc.lint.Linter;
import dev.plc.lint.rule.LintOptions;
import dev.plc.repo.dialect.ServerVersionHint;
import dev.plc.repo.dialect.ServerVersions;
import dev.plc.sql.SqlScript;
import dev.plc.sql.SqlStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The lint rules over the new or changed migrations (every migration with lint_all), each against the schema before it. */
final class LintCheck implements Check {

    @Override
    public String name() {
        return "lint";
    }

    /**
     * Lints each file against the schema as it stood before it: a table is new (exempt from lock hazards) only when it
     * was created earlier in the same file, or by an earlier file of the change under review when this file is part of
     * that change. Tables created by any other migration existed before, so --lint-all on an existing repository sees
     * every hazard. Without git no file is known to be part of a change: only the same file's tables are new.
     */
    @Override
    public CheckReport.Check run(CheckContext ctx) {
        boolean hasGit = ctx.git.isPresent();
        List<Migrations.Migration> targets = ctx.request.lintAll() ? ctx.migrations.all() : ctx.changed;
        Set<Migrations.Migration> inChange = hasGit ? Set.copyOf(ctx.changed) : Set.of();
        List<CheckReport.Finding> findings = new ArrayList<>();
        Set<String> createdByTheChange = new LinkedHashSet<>();
        Optional<Server> server = server(ctx);
        // what the migrations before each file did (a constraint one validated is there for the next)
        List<SqlStatement> earlier = new ArrayList<>();
        for (Migrations.Migration m : targets) {
            boolean partOfTheChange = inChange.contains(m);
            LintOptions options = new LintOptions(ctx.dialect, m.transactional(), server.map(Server::major).orElse(null),
                    partOfTheChange ? createdByTheChange : Set.of(), null, server.map(Server::source).orElse(null), ctx.functions)
                    .withEarlierMigrations(earlier);
            // split once: the lint, the tables it creates and the history the next file is linted with
            List<SqlStatement> statements = SqlScript.split(m.sql(), options.dialect());
            for (dev.plc.lint.rule.Finding f : Linter.lint(m.file(), statements, options)) {
                findings.add(new CheckReport.Finding(m.file(), m.fileLine(f.line(), ctx.index), f.rule(), f.severity(), m.prefix() + f.message(), f.help(),
                        f.suppressed(), f.suppressionReason(), f.approved(), f.approval()));
            }
            if (partOfTheChange) {
                createdByTheChange.addAll(Linter.tablesCreated(statements));
            }
            earlier.addAll(statements);
        }
        boolean errors = findings.stream().anyMatch(f -> f.counts() && f.severity().equals("error"));
        boolean warnings = findings.stream().anyMatch(CheckReport.Finding::counts);
        String scope = (ctx.request.lintAll() ? "all " + targets.size() + " migrations" : targets.size() + " new or changed migration(s)")
                + (hasGit ? "" : " (no git: " + (ctx.request.lintAll() ? "" : "every migration counts as new, and ")
                + "each is linted against the tables that existed before it; only tables created in the same file count as new)");
        scope += server.map(v -> "; rules judged for " + ctx.dialect.id() + " " + v.major() + " (" + v.source() + ")").orElse("");
        return new CheckReport.Check("lint", errors ? CheckStatus.FAIL : warnings ? CheckStatus.WARN : CheckStatus.PASS, scope, 0, findings);
    }

    /** The server version rules are judged for, and where it comes from. */
    record Server(int major, String source) {
    }

    /**
     * The oldest server version the repo declares for production (a compose image, CI service, Terraform engine version:
     * the server the migrations will meet), else the version of the scratch server they were applied to (not an H2
     * stand-in); empty when neither is known (rules then assume a current server).
     */
    static Optional<Server> server(CheckContext ctx) {
        String family = ctx.dialect.isMysqlFamily() ? ctx.dialect.id() : ctx.dialect == Dialect.POSTGRESQL ? "postgresql" : null;
        if (family == null) {
            return Optional.empty();
        }
        Optional<ServerVersionHint> declared = ServerVersions.find(ctx.index).stream()
                .filter(h -> !h.test() && h.dialect().equals(family))
                .min(Comparator.comparingInt(ServerVersionHint::major));
        if (declared.isPresent()) {
            return Optional.of(new Server(declared.get().major(), "declared in " + declared.get().evidence().file() + ":" + declared.get().evidence().line()));
        }
        if (ctx.database != null && !ctx.database.approximation() && ctx.database.dialect().equals(ctx.dialect.id())) {
            return ServerVersion.parse(ctx.database.version()).map(v -> new Server(v.major(), "the scratch server's version; the repo declares none"));
        }
        return Optional.empty();
    }
}
