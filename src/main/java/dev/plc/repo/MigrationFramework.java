package dev.plc.repo;

import java.util.List;

/**
 * One migration mechanism found in the repository.
 *
 * @param name        stable id: flyway, liquibase, golang-migrate, goose, dbmate, sqlx, diesel, prisma,
 *                    alembic, django, rails, knex, typeorm, ef-core
 * @param locations   repo-relative folders (or files, for Liquibase changelogs) holding the migrations
 * @param naming      the naming convention, with an example
 * @param count       number of migrations found (up migrations; down/undo files are not counted)
 * @param lastVersion the highest version present, null when there is none
 * @param nextVersion the version the next migration should use, in the repo's style
 * @param hasDown     whether down/undo scripts exist
 * @param evidence    file:line evidence for the detection (config lines, first/last migration files)
 * @param notes       facts worth telling the agent (e.g. "Java migrations present", "U files are Flyway Teams")
 */
public record MigrationFramework(
        String name,
        List<String> locations,
        Naming naming,
        int count,
        String lastVersion,
        String nextVersion,
        boolean hasDown,
        List<Evidence> evidence,
        List<String> notes) {
}
