package dev.plc.repo.access;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How one data-access layer shows in a source file: the file's language family, a cheap literal that must
 * occur in the text, and the pattern whose first match is the evidence line.
 */
record LayerSignature(String name, Family family, String literal, Pattern pattern) {

    /** Languages whose files are scanned together (Java and Kotlin share libraries, so do JS and TS). */
    enum Family {
        JVM(Set.of("java", "kt", "groovy", "scala")),
        MYBATIS_XML(Set.of("xml")),
        PYTHON(Set.of("py")),
        RUBY(Set.of("rb")),
        JS(Set.of("js", "mjs", "cjs", "jsx", "ts", "mts", "cts", "tsx")),
        GO(Set.of("go")),
        RUST(Set.of("rs")),
        CSHARP(Set.of("cs"));

        final Set<String> extensions;

        Family(Set<String> extensions) {
            this.extensions = extensions;
        }
    }

    private static LayerSignature of(String name, Family family, String literal, String regex) {
        return new LayerSignature(name, family, literal, Pattern.compile(regex, Pattern.MULTILINE));
    }

    static final List<LayerSignature> ALL = List.of(
            of("jooq", Family.JVM, "org.jooq", "^\\s*import\\s+(?:static\\s+)?org\\.jooq\\b"),
            of("jpa", Family.JVM, "persistence",
                    "^\\s*@(?:Entity|MappedSuperclass|Embeddable)\\b|^\\s*import\\s+(?:jakarta|javax)\\.persistence\\.(?:EntityManager|PersistenceContext)\\b"),
            of("spring-data", Family.JVM, "springframework.data",
                    "(?:\\bextends\\s+|:\\s*)(?:Jpa|Crud|ListCrud|PagingAndSorting|ListPagingAndSorting|ReactiveCrud|R2dbc|Jdbc)?Repository<|"
                            + "^\\s*import\\s+org\\.springframework\\.data\\.(?:jpa|jdbc|r2dbc|repository)\\.(?:repository\\.)?(?:\\w*Repository|Query)\\b"),
            of("mybatis", Family.JVM, "batis", "^\\s*import\\s+org\\.(?:apache\\.ibatis|mybatis)\\b"),
            of("mybatis", Family.MYBATIS_XML, "<mapper", "<mapper\\s+namespace\\s*="),
            of("spring-jdbc", Family.JVM, "Jdbc", "^\\s*import\\s+org\\.springframework\\.jdbc\\.(?:core|simple)\\."
                    + "|\\b(?:NamedParameterJdbcTemplate|JdbcTemplate|JdbcClient|JdbcOperations)\\s+\\w+\\s*[;,)=]"
                    + "|\\bnew\\s+(?:NamedParameterJdbcTemplate|JdbcTemplate)\\s*\\(|\\bJdbcClient\\.create\\("
                    + "|:\\s*(?:NamedParameterJdbcTemplate|JdbcTemplate|JdbcClient|JdbcOperations)\\b"),
            of("jdbi", Family.JVM, "org.jdbi", "^\\s*import\\s+(?:static\\s+)?org\\.jdbi\\b"),
            of("jdbc", Family.JVM, "java.sql",
                    "^\\s*import\\s+java\\.sql\\.(?:Connection|PreparedStatement|DriverManager|CallableStatement|\\*)\\s*;?\\s*$|\\.prepareStatement\\("),
            of("hibernate", Family.JVM, "org.hibernate", "^\\s*import\\s+org\\.hibernate\\.(?:Session|SessionFactory|StatelessSession)\\s*;?\\s*$"),
            of("exposed", Family.JVM, "org.jetbrains.exposed", "^\\s*import\\s+org\\.jetbrains\\.exposed\\b"),
            of("sqlalchemy", Family.PYTHON, "sqlalchemy", "^\\s*(?:from|import)\\s+(?:sqlalchemy|sqlmodel|flask_sqlalchemy)\\b"),
            of("django-orm", Family.PYTHON, "models", "^\\s*class\\s+\\w+\\s*\\((?:[^)]*\\b)?models\\.Model\\b"),
            of("active-record", Family.RUBY, "Record", "<\\s*(?:ApplicationRecord|ActiveRecord::Base)\\b"),
            of("prisma", Family.JS, "@prisma/client", "['\"]@prisma/client['\"]"),
            of("typeorm", Family.JS, "typeorm", "\\bfrom\\s+['\"]typeorm['\"]|require\\(\\s*['\"]typeorm['\"]\\s*\\)"),
            of("knex", Family.JS, "knex", "\\bfrom\\s+['\"]knex['\"]|require\\(\\s*['\"]knex['\"]\\s*\\)"),
            of("sequelize", Family.JS, "sequelize", "\\bfrom\\s+['\"]sequelize(?:-typescript)?['\"]|require\\(\\s*['\"]sequelize['\"]\\s*\\)"),
            of("drizzle", Family.JS, "drizzle-orm", "['\"]drizzle-orm(?:/[\\w-]+)?['\"]"),
            of("gorm", Family.GO, "gorm", "\"(?:gorm\\.io/gorm|github\\.com/jinzhu/gorm)\""),
            of("sqlx", Family.GO, "sqlx", "\"github\\.com/jmoiron/sqlx\""),
            of("database-sql", Family.GO, "database/sql", "\"database/sql\""),
            of("pgx", Family.GO, "jackc/pgx", "\"github\\.com/jackc/pgx/v\\d+(?:/pgxpool)?\""),
            of("diesel", Family.RUST, "diesel", "^\\s*use\\s+diesel\\b|\\bdiesel::"),
            of("sqlx", Family.RUST, "sqlx", "^\\s*use\\s+sqlx\\b|\\bsqlx::"),
            of("sea-orm", Family.RUST, "sea_orm", "\\bsea_orm::"),
            of("ef-core", Family.CSHARP, "DbContext", ":\\s*(?:Identity)?DbContext\\b|\\bDbSet<"),
            of("dapper", Family.CSHARP, "Dapper", "^\\s*using\\s+Dapper\\s*;"));
}
