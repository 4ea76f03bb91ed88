package dev.plc.apply;

import dev.plc.db.Dialect;
import dev.plc.db.ScratchDatabase;
import dev.plc.db.ScratchDatabaseException;
import dev.plc.db.ScratchDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema a repo's migrations build, kept by a long-running server as a PostgreSQL template database that the next
 * scratch database for the same migrations is cloned from, instead of applying them all again. The key is a digest of
 * everything the apply reads: the migration set (its scripts' text, locations, framework) and the bytes of every file
 * under its Flyway locations, so editing, adding or removing a migration misses. Liquibase changelogs and engines
 * without templates (MariaDB/MySQL, H2, SQLite) are applied every time. The templates are scratch databases of ours,
 * dropped when the cache is closed (the server's shutdown) or pushed out by newer ones.
 */
public final class ReplayCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayCache.class);

    /** The migrations applied on a new scratch database, and whether it was cloned from a kept template. */
    public record Replayed(ScratchDatabase db, ApplyResult applied, boolean cloned) {
    }

    private record Template(ScratchDatabase db, ApplyResult applied) {
    }

    private final ScratchDatabases scratch;
    private final int capacity;
    private final Map<String, Template> templates = new LinkedHashMap<>(8, 0.75f, true);

    /** @param capacity how many templates to keep (0: none, every call applies) */
    public ReplayCache(ScratchDatabases scratch, int capacity) {
        this.scratch = scratch;
        this.capacity = capacity;
    }

    /**
     * A new scratch database of {@code dialect} with {@code set} applied: cloned from a kept template when the same
     * migrations were applied before, applied (and kept as a template when it can be) otherwise. The caller closes the
     * database; on a failed apply it is returned as it is, and nothing is kept.
     */
    public Replayed replay(Dialect dialect, Path root, MigrationSet set, Duration timeout) throws ScratchDatabaseException {
        String key = capacity > 0 ? key(dialect, root, set) : null;
        if (key != null) {
            synchronized (this) {
                Template kept = templates.get(key);
                if (kept != null) {
                    try {
                        return new Replayed(scratch.copyOf(kept.db()), kept.applied(), true);
                    } catch (ScratchDatabaseException e) {
                        LOG.debug("template {} could not be cloned, applying instead: {}", kept.db().name(), e.getMessage());
                        templates.remove(key);
                        kept.db().close();
                    }
                }
            }
        }
        ScratchDatabase db = scratch.create(dialect, null);
        ApplyResult applied;
        try {
            applied = new MigrationApplier(root).apply(db, set, timeout);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        if (key != null && applied.ok() && db.clonesAsTemplate()) {
            keep(key, db, applied);
        }
        return new Replayed(db, applied, false);
    }

    private synchronized void keep(String key, ScratchDatabase db, ApplyResult applied) {
        if (templates.containsKey(key)) {
            return;
        }
        try {
            templates.put(key, new Template(scratch.copyOf(db), applied));
        } catch (ScratchDatabaseException e) {
            LOG.debug("no template kept for {}: {}", db.name(), e.getMessage());
            return;
        }
        for (Iterator<Template> oldest = templates.values().iterator(); templates.size() > capacity && oldest.hasNext(); ) {
            Template out = oldest.next();
            oldest.remove();
            out.db().close();
        }
    }

    /** The templates kept now (for tests and the log). */
    public synchronized int size() {
        return templates.size();
    }

    /** Drops every kept template. */
    @Override
    public synchronized void close() {
        for (Template t : templates.values()) {
            t.db().close();
        }
        templates.clear();
    }

    /**
     * What the apply reads, as a digest; null when it cannot be told (Liquibase, a set this tool cannot apply, a
     * location that cannot be read), so that nothing is kept for it.
     */
    static String key(Dialect dialect, Path root, MigrationSet set) {
        if (set.unsupported() != null || set.liquibase() != null || "liquibase".equals(set.framework())) {
            return null;
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, dialect.id());
            update(digest, set.framework());
            for (MigrationSet.UpScript s : set.scripts()) {
                update(digest, s.version());
                update(digest, s.file());
                update(digest, s.sql());
            }
            for (String location : set.flywayLocations()) {
                Path dir = root.resolve(location);
                update(digest, location);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                List<Path> files;
                try (Stream<Path> walk = Files.walk(dir)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : files) {
                    update(digest, dir.relativize(f).toString());
                    digest.update(Files.readAllBytes(f));
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest digest, String text) {
        byte[] bytes = String.valueOf(text).getBytes(StandardCharsets.UTF_8);
        digest.update((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
        digest.update(bytes);
    }
}
