package dev.plc.schema.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The name-blind reading of definitions, without a server. */
class CatalogDefinitionsTest {

    @Test
    void mapsIdentifiersButNotStringLiterals() {
        assertThat(Definitions.canonical("CHECK ((email)::text ~~ '%email%'::text)", Map.of("email", "login")))
                .isEqualTo(Definitions.canonical("CHECK ((login)::text ~~ '%email%'::text)", Map.of()));
    }

    @Test
    void readsQuotedAndBareIdentifiersAlike() {
        assertThat(Definitions.canonical("FOREIGN KEY (\"user_id\") REFERENCES `users` (id)", Map.of()))
                .isEqualTo(Definitions.canonical("FOREIGN KEY (user_id) REFERENCES users (\"id\")", Map.of()));
    }

    @Test
    void indexShapeLeavesOutNameAndTable() {
        assertThat(Definitions.indexShape("CREATE UNIQUE INDEX users_lower_idx ON public.users USING btree (lower((email)::text))"))
                .isEqualTo("UNIQUE USING btree (lower((email)::text))");
        assertThat(Definitions.indexShape("CREATE INDEX \"Odd Name\" ON ONLY public.\"Events\" USING btree (at)"))
                .isEqualTo("ONLY USING btree (at)");
        assertThat(Definitions.indexShape("CREATE FULLTEXT INDEX `bio` ON `users` (`bio`)")).isEqualTo("FULLTEXT (`bio`)");
    }

    @Test
    void triggerShapeLeavesOutOnlyTheName() {
        assertThat(Definitions.triggerShape("CREATE TRIGGER email BEFORE INSERT ON users FOR EACH ROW SET NEW.email = 1"))
                .isEqualTo("CREATE TRIGGER BEFORE INSERT ON users FOR EACH ROW SET NEW.email = 1");
    }

    @Test
    void notValidIsComparedApart() {
        assertThat(Definitions.withoutNotValid("CHECK ((a > 0)) NOT VALID")).isEqualTo("CHECK ((a > 0))");
    }

    @Test
    void mysqlDefaultsBecomeSql() {
        assertThat(MysqlCatalogReader.normaliseDefault("abc", false, false, "varchar")).isEqualTo("'abc'");
        assertThat(MysqlCatalogReader.normaliseDefault("it's", false, false, "varchar")).isEqualTo("'it''s'");
        assertThat(MysqlCatalogReader.normaliseDefault("0", false, false, "int")).isEqualTo("0");
        assertThat(MysqlCatalogReader.normaliseDefault("CURRENT_TIMESTAMP", false, true, "timestamp")).isEqualTo("current_timestamp()");
        assertThat(MysqlCatalogReader.normaliseDefault("uuid()", false, true, "char")).isEqualTo("(uuid())");
        assertThat(MysqlCatalogReader.normaliseDefault("'abc'", true, false, "varchar")).isEqualTo("'abc'");
        assertThat(MysqlCatalogReader.normaliseDefault("NULL", true, false, "varchar")).isNull();
    }
}
