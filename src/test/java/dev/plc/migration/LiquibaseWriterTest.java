package dev.plc.migration;

import static dev.plc.migration.MigrationWriterTest.forFramework;
import static dev.plc.migration.MigrationWriterTest.plan;
import static dev.plc.migration.MigrationWriterTest.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plc.core.PlcException;
import dev.plc.core.Progress;
import dev.plc.db.ScratchDatabases;
import dev.plc.plan.ChangePlan;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The Liquibase writer on fixture repos: one changelog per release in the repo's format, and one include in the master. */
class LiquibaseWriterTest {

    private static final String LIQUIBASE_NS = "http://www.liquibase.org/xml/ns/dbchangelog";
    private static final String CHANGELOG = "src/main/resources/db/changelog/";

    @TempDir
    Path repo;

    private final MigrationWriter writer = new MigrationWriter(ScratchDatabases.fromEnvironment());

    private static final ChangePlan ADD_PRIORITY = forFramework(plan("plan-0000000000000001", List.of(
            step(1, 1, "add column orders.priority", true, "SET lock_timeout = '5s';", "ALTER TABLE orders ADD COLUMN priority int DEFAULT 0 NOT NULL;"),
            step(2, 1, "create index orders_priority_idx", false, "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_priority_idx ON orders (priority);")),
            List.of(new ChangePlan.RollbackNote(2, List.of("DROP INDEX CONCURRENTLY IF EXISTS orders_priority_idx;"), false, null),
                    new ChangePlan.RollbackNote(1, List.of("ALTER TABLE orders DROP COLUMN priority;"), true, "dropping the column loses what was written to it"))),
            "liquibase");

    private static final String XML_MASTER = """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog
                    xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.20.xsd">

                <!-- one file per change -->
                <include file="changes/001-create-orders.xml" relativeToChangelogFile="true"/>
                <include file="changes/002-add-note.xml" relativeToChangelogFile="true"/>
                <!-- <include file="changes/000-old.xml" relativeToChangelogFile="true"/> -->

            </databaseChangeLog>
            """;

    private static String xmlChangeSet(String id, String sql) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog
                        xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                        xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.20.xsd">
                    <changeSet id="%s" author="alice">
                        <sql>%s</sql>
                    </changeSet>
                </databaseChangeLog>
                """.formatted(id, sql);
    }

    private void write(String path, String content) throws Exception {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private String read(String path) throws Exception {
        return Files.readString(repo.resolve(path));
    }

    private WrittenMigrations write(ChangePlan plan) {
        return writer.write(new MigrationWriter.Request(repo, plan, null, null, null, null, 1), Progress.NONE);
    }

    private void xmlRepo() throws Exception {
        write(CHANGELOG + "db.changelog-master.xml", XML_MASTER);
        write(CHANGELOG + "changes/001-create-orders.xml", xmlChangeSet("1", "CREATE TABLE orders (id bigint primary key);"));
        write(CHANGELOG + "changes/002-add-note.xml", xmlChangeSet("2", "ALTER TABLE orders ADD COLUMN note text;"));
    }

    private static final String XML_GOLDEN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog
                    xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.20.xsd">

                <!-- persistence-layer-change plan-0000000000000001 step 1/2: add column orders.priority -->
                <!-- release 1, expand -->
                <changeSet id="plan-0000000000000001-1" author="persistence-layer-change">
                    <sql>
                        SET lock_timeout = '5s';

                        ALTER TABLE orders ADD COLUMN priority int DEFAULT 0 NOT NULL;
                    </sql>
                    <rollback>
                        <!-- NOTE: dropping the column loses what was written to it -->
                        <sql>
                            ALTER TABLE orders DROP COLUMN priority;
                        </sql>
                    </rollback>
                </changeSet>

                <!-- persistence-layer-change plan-0000000000000001 step 2/2: create index orders_priority_idx -->
                <!-- release 1, expand, not in a transaction -->
                <changeSet id="plan-0000000000000001-2" author="persistence-layer-change" runInTransaction="false">
                    <sql>
                        CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_priority_idx ON orders (priority);
                    </sql>
                    <rollback>
                        <sql>
                            DROP INDEX CONCURRENTLY IF EXISTS orders_priority_idx;
                        </sql>
                    </rollback>
                </changeSet>

            </databaseChangeLog>
            """;

    @Test
    void writesTheReleaseAsOneXmlChangelogNextToTheIncludedFilesInTheRepoNaming() throws Exception {
        xmlRepo();
        WrittenMigrations w = write(ADD_PRIORITY);
        assertThat(w.framework()).isEqualTo("liquibase");
        assertThat(w.unsupported()).isNull();
        assertThat(w.files()).extracting(WrittenMigrations.WrittenFile::path, WrittenMigrations.WrittenFile::kind, WrittenMigrations.WrittenFile::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(CHANGELOG + "changes/003-add-order-priority.xml", "changelog", "written"),
                        org.assertj.core.groups.Tuple.tuple(CHANGELOG + "db.changelog-master.xml", "changelog-include", "updated"));
        assertThat(w.files().get(0).version()).isEqualTo("plan-0000000000000001-1, plan-0000000000000001-2");
        assertThat(read(CHANGELOG + "changes/003-add-order-priority.xml")).isEqualTo(XML_GOLDEN);
        assertThat(w.stepsWritten()).containsExactly(1, 2);
        assertThat(WriteReport.summary(w)).contains("1 file(s) written, 1 updated, 0 unchanged");
    }

    @Test
    void theMasterGetsExactlyOneIncludeLineAfterTheLastIncludeAndNothingElseChanges() throws Exception {
        xmlRepo();
        byte[] before = Files.readAllBytes(repo.resolve(CHANGELOG + "db.changelog-master.xml"));
        write(ADD_PRIORITY);
        String after = read(CHANGELOG + "db.changelog-master.xml");
        String inserted = "    <include file=\"changes/003-add-order-priority.xml\" relativeToChangelogFile=\"true\"/>\n";
        assertThat(after).contains("<include file=\"changes/002-add-note.xml\" relativeToChangelogFile=\"true\"/>\n" + inserted);
        assertThat(after.replaceFirst(java.util.regex.Pattern.quote(inserted), "").getBytes(StandardCharsets.UTF_8)).isEqualTo(before);
        assertThat(after.lines().count()).isEqualTo(XML_MASTER.lines().count() + 1);
        assertThat(parseXml(after).getElementsByTagNameNS(LIQUIBASE_NS, "include").getLength()).isEqualTo(3);
    }

    @Test
    void aSecondIdenticalCallReportsUnchangedAndLeavesTheMasterUntouched() throws Exception {
        xmlRepo();
        write(ADD_PRIORITY);
        Path master = repo.resolve(CHANGELOG + "db.changelog-master.xml");
        byte[] once = Files.readAllBytes(master);
        FileTime stamp = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(master, stamp);
        WrittenMigrations again = write(ADD_PRIORITY);
        assertThat(again.files()).extracting(WrittenMigrations.WrittenFile::path).containsExactly(
                CHANGELOG + "changes/003-add-order-priority.xml", CHANGELOG + "db.changelog-master.xml");
        assertThat(again.files()).allSatisfy(f -> assertThat(f.status()).isEqualTo("unchanged"));
        assertThat(Files.readAllBytes(master)).isEqualTo(once);
        assertThat(Files.getLastModifiedTime(master)).isEqualTo(stamp);
        try (Stream<Path> files = Files.list(repo.resolve(CHANGELOG + "changes"))) {
            assertThat(files).hasSize(3);
        }
    }

    @Test
    void aNonTransactionalStepIsRunInTransactionFalseAndEveryChangeSetHasARollback() throws Exception {
        xmlRepo();
        write(ADD_PRIORITY);
        Document doc = parseXml(read(CHANGELOG + "changes/003-add-order-priority.xml"));
        NodeList changeSets = doc.getElementsByTagNameNS(LIQUIBASE_NS, "changeSet");
        assertThat(changeSets.getLength()).isEqualTo(2);
        Element first = (Element) changeSets.item(0);
        Element second = (Element) changeSets.item(1);
        assertThat(first.getAttribute("id")).isEqualTo("plan-0000000000000001-1");
        assertThat(first.getAttribute("author")).isEqualTo("persistence-layer-change");
        assertThat(first.hasAttribute("runInTransaction")).isFalse();
        assertThat(second.getAttribute("runInTransaction")).isEqualTo("false");
        for (Element changeSet : List.of(first, second)) {
            NodeList rollback = changeSet.getElementsByTagNameNS(LIQUIBASE_NS, "rollback");
            assertThat(rollback.getLength()).isEqualTo(1);
            assertThat(((Element) rollback.item(0)).getElementsByTagNameNS(LIQUIBASE_NS, "sql").item(0).getTextContent()).contains("DROP");
        }
        assertThat(first.getElementsByTagNameNS(LIQUIBASE_NS, "sql").item(0).getTextContent())
                .contains("SET lock_timeout = '5s';", "ALTER TABLE orders ADD COLUMN priority int DEFAULT 0 NOT NULL;");
    }

    @Test
    void aDoBlockIsNotSplitAndAnEmptyRollbackIsSelectOneWithAComment() throws Exception {
        xmlRepo();
        String block = "DO $$\nBEGIN\n  IF 1 < 2 THEN\n    PERFORM 1;\n  END IF;\nEND $$;";
        ChangePlan backfill = forFramework(plan("plan-0000000000000002", List.of(step(1, 1, "backfill orders.priority", false, block)),
                List.of(new ChangePlan.RollbackNote(1, List.of(), false, null))), "liquibase");
        WrittenMigrations w = write(backfill);
        String file = read(w.files().get(0).path());
        assertThat(file).contains("<sql splitStatements=\"false\"><![CDATA[" + block + "]]></sql>",
                "<!-- nothing to undo for this step -->", "<sql>SELECT 1;</sql>");
        Element sql = (Element) parseXml(file).getElementsByTagNameNS(LIQUIBASE_NS, "sql").item(0);
        assertThat(sql.getTextContent()).isEqualTo(block);
        assertThat(sql.getAttribute("splitStatements")).isEqualTo("false");
    }

    private static final String YAML_MASTER = """
            databaseChangeLog:
              - include:
                  file: db/changelog/changes/2024-01-10-create-orders.yaml
              - include:
                  file: db/changelog/changes/2024-01-15-add-note.yaml
            # keep this comment
            """;

    private void yamlRepo() throws Exception {
        write(CHANGELOG + "db.changelog-master.yaml", YAML_MASTER);
        write(CHANGELOG + "changes/2024-01-10-create-orders.yaml", """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: alice
                      changes:
                        - sql:
                            sql: CREATE TABLE orders (id bigint primary key);
                """);
        write(CHANGELOG + "changes/2024-01-15-add-note.yaml", """
                databaseChangeLog:
                  - changeSet:
                      id: 2
                      author: alice
                      changes:
                        - sql:
                            sql: ALTER TABLE orders ADD COLUMN note text;
                """);
    }

    @Test
    void aYamlRepoGetsADatedYamlChangelogThatParsesAndAnIncludeWrittenLikeTheOthers() throws Exception {
        yamlRepo();
        WrittenMigrations w = write(ADD_PRIORITY);
        String path = CHANGELOG + "changes/2024-01-16-add-order-priority.yaml";
        assertThat(w.files()).extracting(WrittenMigrations.WrittenFile::path).containsExactly(path, CHANGELOG + "db.changelog-master.yaml");
        assertThat(w.warnings()).anySatisfy(x -> assertThat(x).contains("derived from the last changelog's date"));

        JsonNode changelog = new YAMLMapper().readTree(read(path)).get("databaseChangeLog");
        assertThat(changelog.size()).isEqualTo(2);
        JsonNode first = changelog.get(0).get("changeSet");
        JsonNode second = changelog.get(1).get("changeSet");
        assertThat(first.get("id").asString()).isEqualTo("plan-0000000000000001-1");
        assertThat(first.get("author").asString()).isEqualTo("persistence-layer-change");
        assertThat(first.has("runInTransaction")).isFalse();
        assertThat(first.get("changes").get(0).get("sql").get("sql").asString())
                .isEqualTo("SET lock_timeout = '5s';\n\nALTER TABLE orders ADD COLUMN priority int DEFAULT 0 NOT NULL;");
        assertThat(first.get("rollback").get(0).get("sql").get("sql").asString()).isEqualTo("ALTER TABLE orders DROP COLUMN priority;");
        assertThat(second.get("runInTransaction").asBoolean()).isFalse();
        assertThat(second.get("rollback").get(0).get("sql").get("sql").asString()).isEqualTo("DROP INDEX CONCURRENTLY IF EXISTS orders_priority_idx;");
        assertThat(read(path)).contains("  # persistence-layer-change plan-0000000000000001 step 1/2: add column orders.priority\n",
                "      # NOTE: dropping the column loses what was written to it\n");

        String master = read(CHANGELOG + "db.changelog-master.yaml");
        String inserted = "  - include:\n      file: db/changelog/changes/2024-01-16-add-order-priority.yaml\n";
        assertThat(master).isEqualTo(YAML_MASTER.replace("# keep", inserted + "# keep"));
        JsonNode includes = new YAMLMapper().readTree(master).get("databaseChangeLog");
        assertThat(includes.get(2).get("include").get("file").asString()).isEqualTo("db/changelog/changes/2024-01-16-add-order-priority.yaml");

        WrittenMigrations again = write(ADD_PRIORITY);
        assertThat(again.files()).allSatisfy(f -> assertThat(f.status()).isEqualTo("unchanged"));
        assertThat(read(CHANGELOG + "db.changelog-master.yaml")).isEqualTo(master);
    }

    @Test
    void anIncludeAllMasterOverTheFolderStaysAsItIs() throws Exception {
        String masterText = """
                databaseChangeLog:
                - includeAll:
                    path: changes/
                    relativeToChangelogFile: true
                """;
        write(CHANGELOG + "db.changelog-master.yaml", masterText);
        write(CHANGELOG + "changes/0001_create_orders.yaml", "databaseChangeLog:\n- changeSet:\n    id: 1\n    author: alice\n    changes:\n"
                + "    - sql:\n        sql: CREATE TABLE orders (id bigint primary key);\n");
        WrittenMigrations w = write(ADD_PRIORITY);
        assertThat(w.files()).extracting(WrittenMigrations.WrittenFile::path, WrittenMigrations.WrittenFile::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(CHANGELOG + "changes/0002_add_order_priority.yaml", "written"),
                org.assertj.core.groups.Tuple.tuple(CHANGELOG + "db.changelog-master.yaml", "unchanged"));
        assertThat(read(CHANGELOG + "db.changelog-master.yaml")).isEqualTo(masterText);
        String file = read(CHANGELOG + "changes/0002_add_order_priority.yaml");
        assertThat(file).startsWith("databaseChangeLog:\n# persistence-layer-change").contains("\n- changeSet:\n    id: plan-0000000000000001-1\n");
        assertThat(new YAMLMapper().readTree(file).get("databaseChangeLog").size()).isEqualTo(2);
        assertThat(w.warnings()).isEmpty();
    }

    @Test
    void aFormattedSqlMasterGetsAFormattedSqlFileAndAWarningToIncludeItByHand() throws Exception {
        write(CHANGELOG + "db.changelog-master.sql", "--liquibase formatted sql\n\n--changeset alice:1\nCREATE TABLE orders (id bigint primary key);\n"
                + "--rollback DROP TABLE orders;\n");
        byte[] before = Files.readAllBytes(repo.resolve(CHANGELOG + "db.changelog-master.sql"));
        WrittenMigrations w = write(ADD_PRIORITY);
        String path = CHANGELOG + "001-add-order-priority.sql";
        assertThat(w.files()).extracting(WrittenMigrations.WrittenFile::path).containsExactly(path);
        assertThat(w.warnings()).anySatisfy(x -> assertThat(x).contains("include it by hand").contains("formatted SQL"));
        assertThat(Files.readAllBytes(repo.resolve(CHANGELOG + "db.changelog-master.sql"))).isEqualTo(before);
        assertThat(read(path)).isEqualTo("""
                --liquibase formatted sql

                --changeset persistence-layer-change:plan-0000000000000001-1
                -- persistence-layer-change plan-0000000000000001 step 1/2: add column orders.priority
                -- release 1, expand
                SET lock_timeout = '5s';

                ALTER TABLE orders ADD COLUMN priority int DEFAULT 0 NOT NULL;
                -- NOTE: dropping the column loses what was written to it
                --rollback ALTER TABLE orders DROP COLUMN priority;

                --changeset persistence-layer-change:plan-0000000000000001-2 runInTransaction:false
                -- persistence-layer-change plan-0000000000000001 step 2/2: create index orders_priority_idx
                -- release 1, expand, not in a transaction
                CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_priority_idx ON orders (priority);
                --rollback DROP INDEX CONCURRENTLY IF EXISTS orders_priority_idx;
                """);
    }

    @Test
    void anXmlMasterOfFormattedSqlFilesGetsAFormattedSqlFileIncludedLikeTheOthers() throws Exception {
        write(CHANGELOG + "db.changelog-master.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
                  <include file="classpath:/db/changelog/sql/V1_create_orders.sql"/>
                </databaseChangeLog>
                """);
        write(CHANGELOG + "sql/V1_create_orders.sql", "-- liquibase formatted sql\n\n-- changeset alice:1\nCREATE TABLE orders (id bigint primary key);\n");
        WrittenMigrations w = write(ADD_PRIORITY);
        String path = CHANGELOG + "sql/002-add-order-priority.sql";
        assertThat(w.files()).extracting(WrittenMigrations.WrittenFile::path).containsExactly(path, CHANGELOG + "db.changelog-master.xml");
        assertThat(read(path)).startsWith("-- liquibase formatted sql\n\n-- changeset persistence-layer-change:plan-0000000000000001-1\n")
                .contains("-- rollback DROP INDEX CONCURRENTLY IF EXISTS orders_priority_idx;\n");
        assertThat(read(CHANGELOG + "db.changelog-master.xml")).contains("""
                  <include file="classpath:/db/changelog/sql/V1_create_orders.sql"/>
                  <include file="classpath:/db/changelog/sql/002-add-order-priority.sql"/>
                </databaseChangeLog>
                """);
    }

    @Test
    void aMasterWithoutIncludesGetsTheIncludeAsItsLastEntryAndTheFileNextToIt() throws Exception {
        write(CHANGELOG + "db.changelog-master.xml", xmlChangeSet("1", "CREATE TABLE orders (id bigint primary key);"));
        WrittenMigrations w = write(ADD_PRIORITY);
        assertThat(w.files().get(0).path()).isEqualTo(CHANGELOG + "001-add-order-priority.xml");
        String master = read(CHANGELOG + "db.changelog-master.xml");
        assertThat(master).endsWith("    </changeSet>\n    <include file=\"001-add-order-priority.xml\" relativeToChangelogFile=\"true\"/>\n"
                + "</databaseChangeLog>\n");
        parseXml(master);
    }

    @Test
    void aWindowsLineEndedMasterGetsItsIncludeWithTheSameLineEndings() throws Exception {
        xmlRepo();
        Path masterFile = repo.resolve(CHANGELOG + "db.changelog-master.xml");
        String crlf = XML_MASTER.replace("\n", "\r\n");
        Files.writeString(masterFile, crlf);
        write(ADD_PRIORITY);
        String inserted = "    <include file=\"changes/003-add-order-priority.xml\" relativeToChangelogFile=\"true\"/>\r\n";
        assertThat(read(CHANGELOG + "db.changelog-master.xml"))
                .isEqualTo(crlf.replace("    <!-- <include", inserted + "    <!-- <include"));
    }

    @Test
    void whenTheMasterCannotBeEditedNothingIsWritten() throws Exception {
        xmlRepo();
        // Latin-1 bytes: rewriting the master as UTF-8 would change bytes the product must not touch
        Path master = repo.resolve(CHANGELOG + "db.changelog-master.xml");
        Files.writeString(master, XML_MASTER.replace("one file per change", "un fichier par changement, é"), StandardCharsets.ISO_8859_1);
        byte[] before = Files.readAllBytes(master);
        assertThatThrownBy(() -> write(ADD_PRIORITY)).isInstanceOf(PlcException.class).hasMessageContaining("not UTF-8");
        assertThat(repo.resolve(CHANGELOG + "changes/003-add-order-priority.xml")).doesNotExist();
        assertThat(Files.readAllBytes(master)).isEqualTo(before);
    }

    private static Document parseXml(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
