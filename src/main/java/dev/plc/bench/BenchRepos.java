package dev.plc.bench;

import dev.plc.db.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Maven Flyway repository the benchmarks write their migrations into, so inspection finds the engine they are for. */
final class BenchRepos {

    private BenchRepos() {
    }

    /** Writes pom.xml and application.properties for {@code dialect} (PostgreSQL or MariaDB) into {@code repo}: the migrations folder. */
    static Path flyway(Path repo, Dialect dialect) throws IOException {
        boolean postgres = dialect == Dialect.POSTGRESQL;
        String driver = postgres
                ? "<groupId>org.postgresql</groupId><artifactId>postgresql</artifactId><version>42.7.0</version>"
                : "<groupId>org.mariadb.jdbc</groupId><artifactId>mariadb-java-client</artifactId><version>3.3.0</version>";
        Files.writeString(repo.resolve("pom.xml"), """
                <project><modelVersion>4.0.0</modelVersion><groupId>bench</groupId><artifactId>bench</artifactId><version>1</version>
                <dependencies><dependency><groupId>org.flywaydb</groupId><artifactId>flyway-core</artifactId><version>10.0.0</version></dependency>
                <dependency>%s</dependency></dependencies>
                </project>
                """.formatted(driver));
        Path resources = Files.createDirectories(repo.resolve("src/main/resources"));
        Files.writeString(resources.resolve("application.properties"), "spring.datasource.url="
                + (postgres ? "jdbc:postgresql://localhost:5432/bench" : "jdbc:mariadb://localhost:3306/bench") + "\n");
        return Files.createDirectories(resources.resolve("db/migration"));
    }
}
