package dev.plc.repo.migrations;

import dev.plc.repo.Evidence;
import dev.plc.repo.RepoIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads one Spring Boot property from every {@code application*.properties|yml|yaml} outside test sources. */
final class SpringConfig {

    private static final Logger LOG = LoggerFactory.getLogger(SpringConfig.class);
    private static final Pattern APPLICATION_FILE = Pattern.compile("application[-\\w]*\\.(properties|ya?ml)");
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    /** A property's values in one file, with the line that sets it. */
    record Setting(String file, List<String> values, Evidence evidence) {
    }

    private SpringConfig() {
    }

    static List<String> applicationFiles(RepoIndex repo) {
        return repo.filesNamed(n -> APPLICATION_FILE.matcher(n).matches())
                .filter(f -> !MigrationFiles.isTestOrSample(f))
                .toList();
    }

    /** Every file that sets {@code key} (dotted, relaxed: {@code change-log} = {@code changeLog}). */
    static List<Setting> read(RepoIndex repo, String key) {
        List<Setting> found = new ArrayList<>();
        for (String file : applicationFiles(repo)) {
            Optional<Setting> setting = file.endsWith(".properties") ? fromProperties(repo, file, key) : fromYaml(repo, file, key);
            setting.ifPresent(found::add);
        }
        return found;
    }

    static String relaxed(String key) {
        return key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static Optional<Setting> fromProperties(RepoIndex repo, String file, String key) {
        List<String> lines = repo.lines(file);
        List<String> values = new ArrayList<>();
        Evidence evidence = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int sep = separator(line);
            if (line.startsWith("#") || line.startsWith("!") || sep < 0) {
                continue;
            }
            String name = line.substring(0, sep).strip().replaceAll("\\[\\d+]$", "");
            if (relaxed(name).equals(relaxed(key))) {
                values.addAll(splitList(line.substring(sep + 1)));
                evidence = evidence == null ? new Evidence(file, i + 1, lines.get(i)) : evidence;
            }
        }
        return evidence == null ? Optional.empty() : Optional.of(new Setting(file, values, evidence));
    }

    private static int separator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        return eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
    }

    static List<String> splitList(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Optional<Setting> fromYaml(RepoIndex repo, String file, String key) {
        List<String> values = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(repo.read(file).orElse(""))) {
            while (docs.hasNext()) {
                values.addAll(valuesAt(docs.next(), Arrays.asList(key.split("\\."))));
            }
        } catch (JacksonException e) {
            LOG.debug("{} is not valid YAML: {}", file, e.getOriginalMessage());
            return Optional.empty();
        }
        if (values.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Setting(file, values, yamlLine(repo, file, key)));
    }

    /** Spring accepts nested keys, dotted keys, and any mix of both. */
    private static List<String> valuesAt(JsonNode node, List<String> path) {
        if (path.isEmpty()) {
            return leafValues(node);
        }
        if (node == null || !node.isObject()) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            List<String> keyParts = Arrays.asList(field.getKey().split("\\."));
            if (keyParts.size() <= path.size() && matches(keyParts, path.subList(0, keyParts.size()))) {
                values.addAll(valuesAt(field.getValue(), path.subList(keyParts.size(), path.size())));
            }
        }
        return values;
    }

    private static boolean matches(List<String> keyParts, List<String> path) {
        for (int i = 0; i < keyParts.size(); i++) {
            if (!relaxed(keyParts.get(i)).equals(relaxed(path.get(i)))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> leafValues(JsonNode node) {
        if (node.isArray()) {
            List<String> values = new ArrayList<>();
            node.values().forEach(v -> values.addAll(splitList(v.asString())));
            return values;
        }
        return node.isValueNode() ? splitList(node.asString()) : List.of();
    }

    /** The line that sets the key's last segment, after the line naming its parent segment. */
    private static Evidence yamlLine(RepoIndex repo, String file, String key) {
        String[] parts = key.split("\\.");
        String parent = parts.length > 1 ? parts[parts.length - 2] : "";
        String leaf = relaxed(parts[parts.length - 1]);
        List<String> lines = repo.lines(file);
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(parent + ":") || lines.get(i).contains(parent + ".")) {
                start = i;
                break;
            }
        }
        for (int i = start; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int colon = line.indexOf(':');
            if (colon > 0 && relaxed(line.substring(0, colon)).endsWith(leaf)) {
                return new Evidence(file, i + 1, lines.get(i));
            }
        }
        return Evidence.ofFile(file);
    }
}
