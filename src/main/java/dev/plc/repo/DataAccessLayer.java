package dev.plc.repo;

import java.util.List;

/**
 * A data-access technology used by the repository's code.
 *
 * @param name      stable id: jooq, jpa, spring-data, mybatis, spring-jdbc, jdbi, jdbc, sqlalchemy, django-orm,
 *                  active-record, prisma, typeorm, knex, sequelize, gorm, sqlx, database-sql, diesel, ef-core, ...
 * @param language  java, kotlin, python, ruby, javascript, typescript, go, rust, csharp
 * @param locations repo-relative folders where it is used (most used first), e.g. jOOQ generated code
 * @param fileCount number of files that use it
 * @param evidence  file:line evidence (a few, not all)
 */
public record DataAccessLayer(String name, String language, List<String> locations, int fileCount, List<Evidence> evidence) {
}
