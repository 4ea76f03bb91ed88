package dev.plc.repo.migrations;

import dev.plc.repo.MigrationDetector;
import dev.plc.repo.MigrationFramework;
import dev.plc.repo.RepoIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every migration detector, in the order results are reported: an explicit list, no classpath scanning. */
public final class MigrationDetectors {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationDetectors.class);

    private MigrationDetectors() {
    }

    public static List<MigrationDetector> all() {
        return all(Clock.systemUTC());
    }

    /** With a fixed clock, the timestamp-style next versions are deterministic. */
    public static List<MigrationDetector> all(Clock clock) {
        return List.of(
                new FlywayDetector(clock),
                new LiquibaseDetector(),
                new GolangMigrateDetector(clock),
                new GooseDetector(clock),
                new DbmateDetector(clock),
                new SqlxDetector(clock),
                new DieselDetector(clock),
                new PrismaDetector(clock),
                new AlembicDetector(),
                new DjangoDetector(clock),
                new RailsDetector(clock),
                new KnexDetector(clock),
                new TypeOrmDetector(clock),
                new EfCoreDetector(clock));
    }

    public static List<MigrationFramework> detectAll(RepoIndex repo) {
        return detectAll(repo, all());
    }

    /** Runs each detector; one that fails is logged and skipped so the others still report. */
    public static List<MigrationFramework> detectAll(RepoIndex repo, List<MigrationDetector> detectors) {
        List<MigrationFramework> found = new ArrayList<>();
        for (MigrationDetector detector : detectors) {
            try {
                Optional<MigrationFramework> framework = detector.detect(repo);
                framework.ifPresent(found::add);
            } catch (RuntimeException e) {
                LOG.warn("migration detector {} failed on {}; skipped", detector.name(), repo.root(), e);
            }
        }
        return found;
    }
}
