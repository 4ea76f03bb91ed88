package dev.plc.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:postgresql://db:5432/app?user=app&password=hunter2",
            "postgresql://app:hunter2@db:5432/app",
            "jdbc:mysql://app:hunter2@db/app",
            "spring.datasource.password=hunter2",
            "PGPASSWORD: hunter2",
            "https://x?token=hunter2&a=b",
            "jdbc:sqlserver://db;user=app;password=hunter2;encrypt=true",
            "used ghp_hunter2hunter2hunter2hunter2AB to push",
            "OPENAI sk-proj-hunter2hunter2hunter2",
            "curl -H 'Authorization: Bearer hunter2.hunter2.hunter2'",
            "aws AKIAHUNTER2HUNTER2XY"})
    void hidesThePasswordInEveryUsualSpelling(String text) {
        assertThat(Secrets.redact(text)).doesNotContain("hunter2").doesNotContain("HUNTER2").contains("***");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://db:5432/app?user=app", "SELECT password_hash FROM users"})
    void leavesTextWithoutSecretsAlone(String text) {
        assertThat(Secrets.redact(text)).isEqualTo(text);
    }
}
