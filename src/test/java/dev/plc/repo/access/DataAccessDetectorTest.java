package dev.plc.repo.access;

import dev.plc.repo.DataAccessLayer;
import dev.plc.repo.Evidence;
import dev.plc.repo.FixtureRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DataAccessDetectorTest {

    @TempDir
    Path dir;

    private final DataAccessDetector detector = new DataAccessDetector();

    private List<DataAccessLayer> detect(FixtureRepo repo) {
        return detector.detect(repo.index());
    }

    private static DataAccessLayer layer(List<DataAccessLayer> layers, String name) {
        Optional<DataAccessLayer> found = layers.stream().filter(l -> l.name().equals(name)).findFirst();
        assertThat(found).as("layer %s in %s", name, layers).isPresent();
        return found.get();
    }

    private static List<String> names(List<DataAccessLayer> layers) {
        return layers.stream().map(DataAccessLayer::name).toList();
    }

    @Test
    void jooqGeneratedFolderComesFirstInLocations() {
        List<DataAccessLayer> layers = detect(FixtureRepo.in(dir)
                .file("src/main/java/shop/order/OrderDao.java", "package shop.order;\n\nimport org.jooq.DSLContext;\nclass OrderDao {}\n")
                .file("src/main/java/shop/order/OrderQueries.java", "package shop.order;\nimport static org.jooq.impl.DSL.*;\nclass OrderQueries {}\n")
                .file("src/main/java/shop/user/UserDao.java", "package shop.user;\nimport org.jooq.DSLContext;\nclass UserDao {}\n")
                .file("src/main/jooq/shop/db/Tables.java",
                        "package shop.db;\n\n@javax.annotation.processing.Generated(\"jOOQ\")\npublic class Tables {}\n"));

        DataAccessLayer jooq = layer(layers, "jooq");
        assertThat(jooq.language()).isEqualTo("java");
        assertThat(jooq.fileCount()).isEqualTo(3);
        assertThat(jooq.locations()).containsExactly("src/main/jooq/shop/db", "src/main/java/shop/order", "src/main/java/shop/user");
        assertThat(jooq.evidence().get(0)).isEqualTo(new Evidence("src/main/java/shop/order/OrderDao.java", 3, "import org.jooq.DSLContext;"));
    }

    @Test
    void jooqCodegenTargetDirectoryFromPomWhenNothingIsCheckedIn() {
        List<DataAccessLayer> layers = detect(FixtureRepo.in(dir)
                .file("pom.xml", "<project>\n<build><directory>target</directory>\n<plugins><plugin>\n"
                        + "<artifactId>jooq-codegen-maven</artifactId>\n<configuration><generator><target>\n"
                        + "<packageName>shop.db</packageName>\n<directory>src/generated/jooq</directory>\n"
                        + "</target></generator></configuration></plugin></plugins></build></project>\n")
                .file("src/main/java/shop/Dao.java", "import org.jooq.DSLContext;\nclass Dao {}\n"));

        assertThat(layer(layers, "jooq").locations()).containsExactly("src/generated/jooq", "src/main/java/shop");
    }

    @Test
    void jpaEntitiesAndSpringDataRepositories() {
        List<DataAccessLayer> layers = detect(FixtureRepo.in(dir)
                .file("src/main/java/shop/Order.java", "package shop;\n\nimport jakarta.persistence.Entity;\n\n@Entity\npublic class Order {}\n")
                .file("src/main/java/shop/Item.java", "package shop;\nimport javax.persistence.*;\n@Entity\n@Table(name = \"item\")\nclass Item {}\n")
                .file("src/main/java/shop/repo/OrderRepository.java", "package shop.repo;\n"
                        + "import org.springframework.data.jpa.repository.JpaRepository;\n"
                        + "interface OrderRepository extends JpaRepository<Order, Long> {}\n"));

        DataAccessLayer jpa = layer(layers, "jpa");
        assertThat(jpa.fileCount()).isEqualTo(2);
        assertThat(jpa.locations()).containsExactly("src/main/java/shop");
        assertThat(jpa.evidence()).extracting(Evidence::toString)
                .containsExactly("src/main/java/shop/Item.java:3", "src/main/java/shop/Order.java:5");
        DataAccessLayer springData = layer(layers, "spring-data");
        assertThat(springData.fileCount()).isEqualTo(1);
        assertThat(springData.evidence()).extracting(Evidence::toString).containsExactly("src/main/java/shop/repo/OrderRepository.java:2");
        assertThat(names(layers)).startsWith("jpa");
    }

    @Test
    void kotlinSpringDataRepository() {
        List<DataAccessLayer> layers = detect(FixtureRepo.in(dir).file("src/main/kotlin/shop/OrderRepository.kt",
                "package shop\nimport org.springframework.data.repository.CrudRepository\ninterface OrderRepository : CrudRepository<Order, Long>\n"));

        assertThat(layer(layers, "spring-data").language()).isEqualTo("kotlin");
    }

    @Test
    void mybatisAnnotationsAndMapperXmlAreOneLayer() {
        List<DataAccessLayer> layers = detect(FixtureRepo.in(dir)
                .file("src/main/java/shop/OrderMapper.java",
                        "package shop;\nimport org.apache.ibatis.annotations.Mapper;\n@Mapper\ninterface OrderMapper {}\n")
                .file("src/main/resources/mappers/OrderMapper.xml",
                        "<?xml version=\"1.0\"?>\n<mapper namespace=\"shop.OrderMapper\">\n</mapper>\n")
                .file("src/main/java/shop/dto/OrderDtoMapper.java",
                        "package shop.dto;\nimport org.mapstruct.Mapper;\n@Mapper\ninterface OrderDtoMapper {}\n"));

        DataAccessLayer mybatis = layer(layers, "mybatis");
        assertThat(mybatis.fileCount()).isEqualTo(2);
        assertThat(mybatis.language()).isEqualTo("java");
        assertThat(mybatis.evidence()).extracting(Evidence::toString)
                .containsExactly("src/main/java/shop/OrderMapper.java:2", "src/main/resources/mappers/OrderMapper.xml:2");
    }

    @Test
    void springJdbcJdbiRawJdbcAndNativeHibernate() {
        List<DataAccessLayer> layers = detect(FixtureRepo.in(dir)
                .file("src/main/java/a/JdbcDao.java", "package a;\nclass JdbcDao {\n  private final NamedParameterJdbcTemplate jdbc;\n}\n")
                .file("src/main/java/b/JdbiDao.java", "package b;\nimport org.jdbi.v3.core.Jdbi;\nclass JdbiDao {}\n")
                .file("src/main/java/c/RawDao.java", "package c;\nimport java.sql.Connection;\nimport java.sql.ResultSet;\nclass RawDao {}\n")
                .file("src/main/java/c/Mapper.java", "package c;\nimport java.sql.ResultSet;\nclass Mapper {}\n")
                .file("src/main/java/d/Legacy.java", "package d;\nimport org.hibernate.Session;\nclass Legacy {}\n"));

        assertThat(names(layers)).containsExactly("hibernate", "jdbc", "jdbi", "spring-jdbc");
        assertThat(layer(layers, "spring-jdbc").evidence()).extracting(Evidence::toString).containsExactly("src/main/java/a/JdbcDao.java:3");
        assertThat(layer(layers, "jdbc").locations()).containsExactly("src/main/java/c");
        assertThat(layer(layers, "jdbc").fileCount()).as("ResultSet alone is not raw JDBC").isEqualTo(1);
    }

    @Test
    void springJdbcClientCreatedInline() {
        List<DataAccessLayer> layers = detect(FixtureRepo.in(dir).file("src/main/java/a/Cfg.java",
                "package a;\nclass Cfg {\n  Object c = JdbcClient.create(ds);\n  Object t = new JdbcTemplate(ds);\n}\n"));

        assertThat(layer(layers, "spring-jdbc").evidence()).extracting(Evidence::toString).containsExactly("src/main/java/a/Cfg.java:3");
    }

    @Test
    void layerUsedOnlyByTestsIsNotReported() {
        List<DataAccessLayer> layers = detect(FixtureRepo.in(dir)
                .file("src/main/java/shop/Dao.java", "import org.jooq.DSLContext;\nclass Dao {}\n")
                .file("src/test/java/shop/DaoTest.java", "import java.sql.Connection;\nimport org.jooq.DSLContext;\nclass DaoTest {}\n")
                .file("src/it/java/shop/ItHelper.java", "class ItHelper { JdbcTemplate t; }\n"));

        assertThat(names(layers)).containsExactly("jooq");
        assertThat(layer(layers, "jooq").fileCount()).isEqualTo(1);
    }

    @Test
    void layersAreSortedByFileCount() {
        List<DataAccessLayer> layers = detect(FixtureRepo.in(dir)
                .file("src/main/java/a/A.java", "class A { JdbcTemplate t; }\n")
                .file("src/main/java/a/B.java", "import org.jooq.DSLContext;\n")
                .file("src/main/java/a/C.java", "import org.jooq.Record;\n")
                .file("src/main/java/b/D.java", "import org.jooq.Table;\n"));

        assertThat(layers).extracting(DataAccessLayer::name, DataAccessLayer::fileCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("jooq", 3), org.assertj.core.groups.Tuple.tuple("spring-jdbc", 1));
        assertThat(layer(layers, "jooq").locations()).containsExactly("src/main/java/a", "src/main/java/b");
    }

    @Test
    void pythonSqlalchemyAndDjangoModels() {
        List<DataAccessLayer> layers = detect(FixtureRepo.in(dir)
                .file("app/db.py", "import os\nfrom sqlalchemy import create_engine\n")
                .file("shop/models.py", "from django.db import models\n\nclass Order(models.Model):\n    pass\n")
                .file("tests/test_db.py", "from sqlalchemy import text\n"));

        assertThat(layer(layers, "sqlalchemy").evidence()).extracting(Evidence::toString).containsExactly("app/db.py:2");
        assertThat(layer(layers, "django-orm").evidence()).extracting(Evidence::toString).containsExactly("shop/models.py:3");
        assertThat(layer(layers, "django-orm").language()).isEqualTo("python");
    }

    @Test
    void rubyActiveRecordModels() {
        List<DataAccessLayer> layers = detect(FixtureRepo.in(dir)
                .file("app/models/application_record.rb", "class ApplicationRecord < ActiveRecord::Base\n  primary_abstract_class\nend\n")
                .file("app/models/order.rb", "class Order < ApplicationRecord\nend\n")
                .file("spec/models/order_spec.rb", "class Fake < ApplicationRecord\nend\n"));

        DataAccessLayer ar = layer(layers, "active-record");
        assertThat(ar.fileCount()).isEqualTo(2);
        assertThat(ar.locations()).containsExactly("app/models");
        assertThat(ar.language()).isEqualTo("ruby");
    }

    @Test
    void nodePrismaTypeormKnexSequelize() {
        List<DataAccessLayer> layers = detect(FixtureRepo.in(dir)
                .file("src/db.ts", "import { PrismaClient } from '@prisma/client';\n")
                .file("src/order.entity.ts", "import { Entity, Column } from \"typeorm\";\n@Entity()\nexport class Order {}\n")
                .file("lib/knex.js", "const knex = require('knex')(config);\n")
                .file("lib/models.js", "const { Sequelize } = require('sequelize');\n")
                .file("src/types.d.ts", "import { PrismaClient } from '@prisma/client';\n")
                .file("src/db.test.ts", "import knex from 'knex';\n"));

        assertThat(names(layers)).containsExactlyInAnyOrder("prisma", "typeorm", "knex", "sequelize");
        assertThat(layer(layers, "prisma").language()).isEqualTo("typescript");
        assertThat(layer(layers, "prisma").fileCount()).isEqualTo(1);
        assertThat(layer(layers, "knex").language()).isEqualTo("javascript");
        assertThat(layer(layers, "knex").fileCount()).isEqualTo(1);
    }

    @Test
    void goGormSqlxAndDatabaseSql() {
        List<DataAccessLayer> layers = detect(FixtureRepo.in(dir)
                .file("internal/store/gorm.go", "package store\n\nimport (\n\t\"gorm.io/gorm\"\n)\n")
                .file("internal/store/sqlx.go", "package store\n\nimport (\n\t\"database/sql\"\n\t\"github.com/jmoiron/sqlx\"\n)\n")
                .file("internal/store/store_test.go", "package store\nimport \"database/sql\"\n"));

        assertThat(names(layers)).containsExactly("database-sql", "gorm", "sqlx");
        assertThat(layer(layers, "sqlx").language()).isEqualTo("go");
        assertThat(layer(layers, "gorm").evidence()).extracting(Evidence::toString).containsExactly("internal/store/gorm.go:4");
    }

    @Test
    void rustDieselAndCsharpEfCore() {
        List<DataAccessLayer> layers = detect(FixtureRepo.in(dir)
                .file("src/schema.rs", "use diesel::prelude::*;\n")
                .file("Shop/ShopDb.cs", "using Microsoft.EntityFrameworkCore;\npublic class ShopDb : DbContext {\n}\n"));

        assertThat(layer(layers, "diesel").language()).isEqualTo("rust");
        assertThat(layer(layers, "ef-core").evidence()).extracting(Evidence::toString).containsExactly("Shop/ShopDb.cs:2");
    }

    @Test
    void filesOverOneMegabyteAreSkipped() {
        String big = "import org.jooq.DSLContext;\n" + "// padding\n".repeat(110_000);
        List<DataAccessLayer> layers = detect(FixtureRepo.in(dir).file("src/main/java/Big.java", big));

        assertThat(layers).isEmpty();
    }

    @Test
    void noDataAccessCodeGivesEmptyList() {
        assertThat(detect(FixtureRepo.in(dir).file("src/main/java/App.java", "class App { String s = \"JdbcTemplate-free\"; String p = \"JdbcTemplate(\"; }\n")
                .file("README.md", "We use org.jooq and JdbcTemplate.\n"))).isEmpty();
    }
}
