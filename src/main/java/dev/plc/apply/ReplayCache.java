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

    /** A kept template, and the clone made ahead of time for the next call (null until one is asked for). */
    private static final class Template {
        final ScratchDatabase db;
        final ApplyResult applied;
        java.util.concurrent.Future<ScratchDatabase> spare;

        Template(ScratchDatabase db, ApplyResult applied) {
            this.db = db;
            this.applied = applied;
        }

        ScratchDatabase db() {
            return db;
        }

        ApplyResult applied() {
            return applied;
        }

        /** The spare, when it is ready and was made; null otherwise (then the caller clones now). */
        ScratchDatabase takeSpare() {
            java.util.concurrent.Future<ScratchDatabase> f = spare;
            spare = null;
            if (f == null) {
                return null;
            }
            try {
                return f.get(); // started at the end of the last call: almost always done
            } catch (java.util.concurrent.ExecutionException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        void drop() {
            ScratchDatabase left = takeSpare();
            if (left != null) {
                left.close();
            }
            db.close();
        }
    }

    /** Makes the spares: one thread, so a spare never competes with more than the call in progress. */
    private static final java.util.concurrent.ExecutorService SPARES = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "plc-replay-spare");
        t.setDaemon(true);
        return t;
    });

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
                        ScratchDatabase spare = kept.takeSpare();
                        ScratchDatabase clone = spare != null ? spare : scratch.copyOf(kept.db());
                        // the next call on these migrations finds its clone made: CREATE DATABASE ... TEMPLATE is most of a
                        // clone's time, and it runs while this call plans
                        kept.spare = SPARES.submit(() -> scratch.copyOf(kept.db()));
                        return new Replayed(clone, kept.applied(), true);
                    } catch (ScratchDatabaseException e) {
                        LOG.debug("template {} could not be cloned, applying instead: {}", kept.db().name(), e.getMessage());
                        templates.remove(key);
                        kept.drop();
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
            out.drop();
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
            t.drop();
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
