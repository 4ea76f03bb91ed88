package dev.plc.migration;

import dev.plc.core.PlcException;
import dev.plc.core.Progress;
import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabases;
import dev.plc.inspect.RepoInspection;
import dev.plc.inspect.RepoInspector;
import dev.plc.plan.ChangePlan;
import dev.plc.plan.ChangePlanner;
import dev.plc.plan.PlanStore;
import dev.plc.plan.impact.CodeChange;
import dev.plc.plan.impact.ImpactedCode;
import dev.plc.repo.MigrationFramework;
import dev.plc.repo.RepoIndex;
import dev.plc.repo.migrations.VersionScheme;
import dev.plc.sql.ApprovalStamp;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The service behind {@code write_migration}: writes the migration files of one release of a plan in the repo's
 * own convention. Deterministic (same plan, same repo: same bytes), idempotent (a second call finds its files and
 * reports them unchanged), and it only ever creates new files inside the repo.
 */
public final class MigrationWriter {

    /**
     * @param plan        the plan (from plan_change)
     * @param name        the file name slug (default: from the plan's description)
     * @param includeDown write down/undo scripts (default: what the repo already does)
     * @param framework   write for this framework instead of the repo's primary one
     * @param approval    the plan's approval token, required when the release has destructive steps
     * @param release     which release's steps to write (default 1)
     * @param includeCode also apply the release's code_changes to the repo's files (all or none, only where a file still has
     *                    the content the plan's diff was made for)
     */
    public record Request(Path repo, ChangePlan plan, String name, Boolean includeDown, String framework, String approval, int release,
                          boolean includeCode) {
        public Request(Path repo, ChangePlan plan, String name, Boolean includeDown, String framework, String approval, int release) {
            this(repo, plan, name, includeDown, framework, approval, release, false);
        }
    }

    static final Pattern MARKER = Pattern.compile("persistence-layer-change (plan-[0-9a-f]+) step (\\d+)/");
    private static final Clock DETERMINISTIC = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

    private final ScratchDatabases scratch;

    public MigrationWriter(ScratchDatabases scratch) {
        this.scratch = scratch;
    }

    public static ChangePlan resolve(PlanStore store, String planId, ChangePlan plan) {
        if (plan != null) {
            return plan;
        }
        if (planId == null || planId.isBlank()) {
            throw PlcException.invalid("give plan_id (from plan_change in this server) or plan (the plan object)");
        }
        return store.get(planId).orElseThrow(() -> new PlcException(PlcException.Code.NOT_FOUND, "no plan " + planId
                + " in this server (plans are kept in memory): call plan_change again, or pass the plan object as 'plan'"));
    }

    public WrittenMigrations write(Request request, Progress progress) {
        ChangePlan plan = request.plan();
        if (request.release() < 1) {
            throw PlcException.invalid("release must be 1 or more");
        }
        List<ChangePlan.Step> release = plan.steps().stream().filter(s -> s.release() == request.release()).toList();
        checkApproval(plan, release, request.approval());
        if (!request.includeCode()) {
            return migrations(request, plan, release, progress);
        }
        // the code is checked first: when a file changed since the plan, neither the migrations nor the code are written
        CodeChangeWriter.Prepared code = CodeChangeWriter.prepare(request.repo(), plan, request.release());
        WrittenMigrations written = migrations(request, plan, release, progress);
        return written.withCode(code.write());
    }

    private WrittenMigrations migrations(Request request, ChangePlan plan, List<ChangePlan.Step> release, Progress progress) {
        progress.report(0, 3, "reading the repository's conventions");
        RepoIndex index = RepoInspector.index(request.repo());
        RepoInspection inspection = new RepoInspector(scratch).inspect(index,
                new RepoInspector.Request(request.repo(), null, false, Duration.ofSeconds(30)), Progress.NONE);
        MigrationFramework framework = pickFramework(inspection, request.framework() != null ? request.framework() : plan.framework());
        List<Integer> later = plan.steps().stream().filter(s -> s.release() > request.release()).map(ChangePlan.Step::number).toList();
        List<ChangePlan.Step> withSql = release.stream().filter(s -> !s.sql().isEmpty()).toList();
        List<String> nextSteps = nextSteps(plan, request.release(), release, later, request.includeCode());
        if (framework.name().equals("liquibase")) {
            return liquibase(request, index, plan, framework, withSql, later, nextSteps, progress);
        }
        Optional<Layout> layout = layoutFor(framework);
        if (layout.isEmpty()) {
            List<String> sql = withSql.stream().map(s -> "-- step " + s.number() + ": " + s.title() + "\n" + String.join("\n", s.sql())).toList();
            return new WrittenMigrations(plan.planId(), framework.name(), request.release(), List.of(), List.of(), later, nextSteps,
                    "write_migration cannot write " + framework.name() + " migrations yet: place the SQL below in a new "
                            + framework.name() + " migration yourself (" + framework.naming().pattern() + ")", sql, List.of());
        }
        String location = framework.locations().isEmpty() ? null : framework.locations().get(0);
        if (location == null) {
            throw new PlcException(PlcException.Code.FAILED_PRECONDITION, "the " + framework.name() + " migration folder is unknown");
        }
        boolean includeDown = request.includeDown() != null ? request.includeDown() : framework.hasDown();
        boolean repoHasUndo = index.filesIn(location).anyMatch(f -> RepoIndex.fileName(f).matches("^U\\d.*\\.sql$"));
        progress.report(1, 3, "naming " + withSql.size() + " migration(s)");
        Map<Integer, String> versions = versions(index, location, layout.get(), framework, plan.planId(), withSql);
        String slug = slug(request.name() != null ? request.name() : plan.description());
        List<PlannedFile> planned = new ArrayList<>();
        for (ChangePlan.Step step : withSql) {
            List<String> header = header(plan, step, later, step == withSql.get(0));
            ChangePlan.RollbackNote undo = plan.rollback().stream().filter(r -> r.step() == step.number()).findFirst().orElse(null);
            List<String> down = includeDown ? (undo == null ? List.of() : undo.sql()) : null;
            String downNote = undo != null && undo.dataLoss() ? undo.note() : null;
            // several files: each is named after its own step (the versions keep them in order)
            String fileSlug = withSql.size() == 1 ? slug : slug(step.title());
            planned.addAll(layout.get().files(new Layout.StepFile(step, location, versions.get(step.number()), shorten(fileSlug), header,
                    down, downNote, repoHasUndo)));
        }
        if (!later.isEmpty() && index.dirExists("docs")) {
            planned.add(rolloutNote(plan, request.release()));
        }
        progress.report(2, 3, "writing");
        List<WrittenMigrations.WrittenFile> files = new ArrayList<>();
        List<PlannedFile> toCreate = new ArrayList<>();
        for (PlannedFile f : planned) {
            boolean same = SafeFiles.sameAsExisting(SafeFiles.inside(request.repo(), f.path()), f.path(), f.content());
            if (!same) {
                toCreate.add(f);
            }
            files.add(new WrittenMigrations.WrittenFile(f.path(), f.kind(), ChangePlanner.sha256(f.content()), same ? "unchanged" : "written", f.version(), f.steps()));
        }
        SafeFiles.createAll(request.repo(), toCreate);
        List<String> warnings = new ArrayList<>();
        if (includeDown && framework.name().equals("flyway") && !repoHasUndo) {
            warnings.add("undo scripts went to " + FlywayLayout.downFolder(location) + "/, outside Flyway's locations: Flyway Community "
                    + "treats U files as a paid feature, and run_checks uses them to prove the round trip");
        }
        if (styleOf(framework).equals(VersionScheme.TIMESTAMP)) {
            warnings.add("timestamp versions were derived from the last existing version (+1 s per file), so the same plan writes the "
                    + "same names; rename them before merging if your team wants wall-clock timestamps");
        }
        progress.report(3, 3, "done");
        return new WrittenMigrations(plan.planId(), framework.name(), request.release(), files,
                withSql.stream().map(ChangePlan.Step::number).toList(), later, nextSteps, null, List.of(), warnings);
    }

    /** Liquibase: one changelog file for the release and an include in the master, instead of a file per step. */
    private static WrittenMigrations liquibase(Request request, RepoIndex index, ChangePlan plan, MigrationFramework framework, List<ChangePlan.Step> withSql,
                                               List<Integer> later, List<String> nextSteps, Progress progress) {
        String master = framework.locations().get(0);
        progress.report(1, 3, "reading the master changelog " + master);
        String slug = shorten(slug(request.name() != null ? request.name() : plan.description()));
        boolean rollback = request.includeDown() == null || request.includeDown();
        progress.report(2, 3, "writing");
        LiquibaseWriter.Outcome outcome = LiquibaseWriter.write(request.repo(), index, master, plan, withSql,
                step -> header(plan, step, later, step == withSql.get(0)), slug, rollback);
        progress.report(3, 3, "done");
        if (outcome.unsupported() != null) {
            List<String> sql = withSql.stream().map(s -> "-- step " + s.number() + ": " + s.title() + "\n" + String.join("\n", s.sql())).toList();
            return new WrittenMigrations(plan.planId(), framework.name(), request.release(), List.of(), List.of(), later, nextSteps,
                    outcome.unsupported(), sql, List.of());
        }
        return new WrittenMigrations(plan.planId(), framework.name(), request.release(), outcome.files(),
                withSql.stream().map(ChangePlan.Step::number).toList(), later, nextSteps, null, List.of(), outcome.warnings());
    }

    private static void checkApproval(ChangePlan plan, List<ChangePlan.Step> release, String approval) {
        List<ChangePlan.Step> destructive = release.stream().filter(ChangePlan.Step::destructive).toList();
        if (destructive.isEmpty()) {
            return;
        }
        if (plan.approval() == null) {
            throw PlcException.invalid("the plan has destructive steps but no approval block: it was edited; call plan_change again");
        }
        String digest = ChangePlanner.destructiveDigest(plan.steps());
        String expected = ChangePlanner.approvalToken(plan.planId(), digest);
        if (!digest.equals(plan.approval().sha256()) || !expected.equals(plan.approval().token())) {
            throw PlcException.invalid("the destructive SQL of plan " + plan.planId() + " does not match its approval digest (the plan was edited): "
                    + "call plan_change again");
        }
        if (approval == null || approval.isBlank()) {
            throw new PlcException(PlcException.Code.FAILED_PRECONDITION, "steps " + destructive.stream().map(s -> String.valueOf(s.number()))
                    .collect(Collectors.joining(", ")) + " of plan " + plan.planId() + " destroy data: show the plan to the user and, "
                    + "only with their explicit consent, call write_migration again with approval set to the plan's approval token");
        }
        if (!approval.equals(expected)) {
            throw PlcException.invalid("approval does not match plan " + plan.planId() + ": use the token from this plan's approval block");
        }
    }

    private static MigrationFramework pickFramework(RepoInspection inspection, String wanted) {
        if (inspection.migrationFrameworks().isEmpty()) {
            throw new PlcException(PlcException.Code.FAILED_PRECONDITION, inspection.recommendations().get(0));
        }
        if (wanted == null) {
            return inspection.migrationFrameworks().get(0);
        }
        return inspection.migrationFrameworks().stream().filter(f -> f.name().equals(wanted)).findFirst()
                .orElseThrow(() -> PlcException.invalid("the repo has no " + wanted + " migrations; it has: "
                        + inspection.migrationFrameworks().stream().map(MigrationFramework::name).collect(Collectors.joining(", "))));
    }

    static Optional<Layout> layoutFor(MigrationFramework framework) {
        return switch (framework.name()) {
            case "flyway" -> Optional.of(new FlywayLayout());
            case "golang-migrate" -> Optional.of(new UpDownLayout());
            case "sqlx" -> framework.hasDown() ? Optional.of(new UpDownLayout()) : Optional.empty();
            case "dbmate" -> Optional.of(AnnotatedLayout.dbmate());
            case "goose" -> Optional.of(AnnotatedLayout.goose());
            default -> Optional.empty();
        };
    }

    /** Versions per step: the ones this plan's files already have (idempotence), then the next free ones in the repo's style. */
    private static Map<Integer, String> versions(RepoIndex index, String location, Layout layout, MigrationFramework framework,
                                                 String planId, List<ChangePlan.Step> steps) {
        Map<Integer, String> versions = new LinkedHashMap<>();
        List<String> existing = new ArrayList<>();
        for (String file : index.filesIn(location).toList()) {
            Optional<String> version = layout.versionOf(RepoIndex.fileName(file));
            if (version.isEmpty()) {
                continue;
            }
            existing.add(version.get());
            Matcher m = MARKER.matcher(index.read(file).orElse(""));
            if (m.find() && m.group(1).equals(planId)) {
                versions.put(Integer.parseInt(m.group(2)), version.get());
            }
        }
        String style = styleOf(framework);
        for (ChangePlan.Step step : steps) {
            if (versions.containsKey(step.number())) {
                continue;
            }
            String next = existing.isEmpty() && framework.nextVersion() != null && !style.equals(VersionScheme.TIMESTAMP)
                    ? framework.nextVersion() : VersionScheme.of(existing, style, DETERMINISTIC).next();
            versions.put(step.number(), next);
            existing.add(next);
        }
        return versions;
    }

    private static String styleOf(MigrationFramework framework) {
        String style = framework.naming() == null ? null : framework.naming().versionStyle();
        return style == null || style.equals(VersionScheme.NONE) ? VersionScheme.INTEGER : style;
    }

    /** The rollout of the later releases, for repos that keep docs: what to deploy when, and what waits for approval. */
    private static PlannedFile rolloutNote(ChangePlan plan, int release) {
        StringBuilder md = new StringBuilder("# Rollout of " + plan.planId() + ": " + plan.description() + "\n\n");
        md.append("Written by persistence-layer-change (").append(plan.migrationType()).append(" change, ").append(plan.dialect())
                .append("). Release ").append(release).append(" is in the migrations; each later release waits until the one before runs everywhere.\n");
        int current = -1;
        for (ChangePlan.Step s : plan.steps()) {
            if (s.release() != current) {
                current = s.release();
                md.append("\n## Release ").append(current).append(current == release ? " (written now)" : "").append("\n\n");
            }
            md.append(s.number()).append(". ").append(s.title()).append(" (").append(s.phase())
                    .append(s.sql().isEmpty() ? ", code" : s.transactional() ? "" : ", own migration outside a transaction")
                    .append(s.destructive() ? ", DESTRUCTIVE: needs the plan's approval" : "").append(")\n");
            if (s.appCode() != null) {
                md.append("   - code: ").append(s.appCode()).append('\n');
            }
        }
        md.append("\nWrite a later release with `write_migration plan_id=").append(plan.planId()).append(" release=<n>` ")
                .append("(or `write --plan-file plan.json --release <n>`).\n");
        return new PlannedFile("docs/migrations/" + plan.planId() + "-rollout.md", "notes", md.toString(), null, List.of());
    }

    private static List<String> header(ChangePlan plan, ChangePlan.Step step, List<Integer> later, boolean first) {
        List<String> lines = new ArrayList<>();
        lines.add("persistence-layer-change " + plan.planId() + " step " + step.number() + "/" + plan.steps().size() + ": " + step.title());
        lines.add("release " + step.release() + ", " + step.phase() + (step.destructive() ? ", DESTRUCTIVE (approved)" : "")
                + (step.transactional() ? "" : ", not in a transaction"));
        if (step.appCode() != null) {
            lines.add("code: " + step.appCode());
        }
        if (step.destructive() && plan.approval() != null) {
            // the approval travels with the SQL it approves: the linter reports the drop as approved while the statements are unchanged
            Dialect dialect = Dialect.fromId(plan.dialect()).orElse(Dialect.POSTGRESQL);
            lines.add(ApprovalStamp.comment(plan.planId(), plan.approval().token(), Layout.statements(step.sql()), dialect));
        }
        if (first && !later.isEmpty()) {
            lines.add("rollout: this change continues in later releases; do not write them before the previous release runs everywhere:");
            for (ChangePlan.Step s : plan.steps()) {
                if (s.release() > step.release()) {
                    lines.add("  release " + s.release() + ", step " + s.number() + " (" + s.phase() + "): " + s.title()
                            + (s.sql().isEmpty() ? " [code]" : "") + (s.destructive() ? " [destructive: needs approval]" : ""));
                }
            }
            lines.add("  write them with write_migration plan_id=" + plan.planId() + " release=<n>");
        }
        return lines;
    }

    private static List<String> nextSteps(ChangePlan plan, int number, List<ChangePlan.Step> release, List<Integer> later, boolean includeCode) {
        List<String> next = new ArrayList<>();
        for (ChangePlan.Step s : release) {
            if (s.sql().isEmpty() && s.appCode() != null) {
                next.add("code (step " + s.number() + "): " + s.appCode());
            }
        }
        Map<String, List<ImpactedCode>> byFile = plan.impactedCode().stream()
                .collect(Collectors.groupingBy(ImpactedCode::file, LinkedHashMap::new, Collectors.toList()));
        byFile.forEach((file, refs) -> {
            List<CodeChange> edits = plan.codeChanges().stream().filter(c -> c.file().equals(file) && CodeChange.EDIT.equals(c.status())).toList();
            if (includeCode && plan.codeChanges().stream().anyMatch(c -> c.file().equals(file) && c.release() == number)) {
                return; // the result's code[] says what was written and what is left by hand
            }
            if (edits.stream().anyMatch(c -> c.release() == number)) {
                next.add("apply the plan's code_changes edit of " + file + " for this release (write_migration with include_code=true "
                        + "writes it, checked against the file's sha256)");
            } else if (!edits.isEmpty()) {
                next.add(file + ": its edit ships in release " + edits.get(0).release() + " (code_changes)");
            } else {
                next.add("update " + file + " (lines " + refs.stream().map(r -> String.valueOf(r.line())).distinct()
                        .collect(Collectors.joining(", ")) + "): " + refs.get(0).reason());
            }
        });
        next.add("call run_checks to apply every migration from scratch on a throwaway database and lint the new ones");
        if (!later.isEmpty()) {
            next.add("steps " + later + " belong to later releases: write them after this release runs everywhere");
        }
        return next;
    }

    static String slug(String text) {
        String s = text == null ? "change" : text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return s.isEmpty() ? "change" : s;
    }

    private static String shorten(String slug) {
        return slug.length() <= 60 ? slug : slug.substring(0, 60).replaceAll("_+$", "");
    }


}
