package dev.plc.check;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A migration that exists on the git base was not edited, renamed or deleted (Liquibase: by changeSet checksum). */
final class ImmutabilityCheck implements Check {

    @Override
    public String name() {
        return "immutability";
    }

    @Override
    public CheckReport.Check run(CheckContext ctx) {
        Optional<GitChanges> git = ctx.git;
        String gitProblem = ctx.gitProblem;
        if (git.isEmpty()) {
            if (gitProblem != null) {
                return CheckReport.Check.error("immutability", "git could not tell what changed: " + gitProblem, "pass base (a branch or commit)");
            }
            return CheckReport.Check.notApplicable("immutability", NotApplicableReason.NOT_A_GIT_REPOSITORY,
                    "the repo is not a git work tree (or git is missing): nothing to compare with");
        }
        if (ctx.migrations.liquibase()) {
            return liquibaseImmutability(ctx, git.get());
        }
        List<CheckReport.Finding> findings = new ArrayList<>();
        for (GitChanges.Change change : git.get().all()) {
            if (change.status() == 'A' || !ctx.migrations.isMigrationFile(change.path())) {
                continue;
            }
            String what = switch (change.status()) {
                case 'D' -> "deleted";
                case 'R' -> "renamed";
                default -> "edited";
            };
            String summary = change.status() == 'M' ? diffSummary(git.get().atBase(change.path()).orElse(""),
                    ctx.index.read(change.path()).orElse("")) : "";
            findings.add(CheckReport.Finding.error(change.path(), 0, "immutability", "this migration exists on the base "
                    + git.get().base() + " and was " + what + summary + ": databases that already ran it will not run it again, and "
                    + "Flyway's checksum validation fails", "restore it and put the change in a new migration"));
        }
        return new CheckReport.Check("immutability", findings.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL, "compared with " + git.get().base(), 0, findings);
    }

    /**
     * Liquibase identifies a changeSet by file, id and author, and refuses to run a changelog whose applied changeSets'
     * checksums changed: adding changeSets to a file is normal, editing or removing an applied one is not.
     */
    private static CheckReport.Check liquibaseImmutability(CheckContext ctx, GitChanges git) {
        Map<String, String> base = ctx.migrations.baseChecksums(git);
        if (base == null) {
            return CheckReport.Check.error("immutability", "the changelog as it was at " + git.base() + " could not be read by Liquibase"
                    + (ctx.migrations.baseProblem() == null ? "" : ": " + ctx.migrations.baseProblem()),
                    "fix the changelog at the base, or pass another base");
        }
        List<CheckReport.Finding> findings = new ArrayList<>();
        Set<String> current = new LinkedHashSet<>();
        for (Migrations.Migration m : ctx.migrations.all()) {
            String key = Migrations.key(m.changeSet());
            current.add(key);
            String before = base.get(key);
            if (before != null && !before.equals(m.changeSet().checksum()) && !ctx.migrations.runsOnChange(m)) {
                findings.add(CheckReport.Finding.error(m.file(), m.changeSet().line(), "immutability", m.prefix() + "exists on the base "
                        + git.base() + " and was edited: databases that already ran it fail Liquibase's checksum validation",
                        "restore it and put the change in a new changeSet"));
            }
        }
        base.keySet().stream().filter(k -> !current.contains(k)).forEach(k -> findings.add(CheckReport.Finding.error(k.substring(0, k.indexOf("::")), 0,
                "immutability", "changeSet " + k.substring(k.indexOf("::") + 2).replace("::", " by ") + " exists on the base " + git.base()
                        + " and was removed: databases that ran it keep its changes", "restore it; undo its change in a new changeSet")));
        return new CheckReport.Check("immutability", findings.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL, "changeSets compared with " + git.base(),
                0, findings);
    }

    private static String diffSummary(String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        int firstDiff = 0;
        while (firstDiff < Math.min(a.size(), b.size()) && a.get(firstDiff).equals(b.get(firstDiff))) {
            firstDiff++;
        }
        return " (" + a.size() + " -> " + b.size() + " lines, first difference at line " + (firstDiff + 1) + ")";
    }
}
