package dev.plc.repo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TestPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "src/test/java/shop/OrderTest.java", "src/it/java/shop/Db.java", "src/integrationTest/kotlin/A.kt",
            "src/main/resources/application-test.yml", "docker-compose.test.yml", ".env.test", "requirements-test.txt",
            "pkg/store/store_test.go", "tests/test_db.py", "app/conftest.py", "spec/models/order_spec.rb",
            "web/src/db.spec.ts", "web/src/__tests__/db.ts", "Shop.Tests/Shop.Tests.csproj", "src/main/java/shop/OrderIT.java"})
    void recognisesTestCodeAndTestConfiguration(String path) {
        assertThat(TestPaths.isTest(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "src/main/java/shop/Order.java", "src/main/resources/application.yml", "docker-compose.yml", ".env",
            "requirements.txt", "pkg/store/store.go", "app/models.py", "src/main/java/shop/Contest.java",
            "config/latest.yml", "src/main/java/shop/Attestation.java"})
    void leavesProductionFilesAlone(String path) {
        assertThat(TestPaths.isTest(path)).isFalse();
    }
}
