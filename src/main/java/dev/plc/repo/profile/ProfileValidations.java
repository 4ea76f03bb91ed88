package dev.plc.repo.profile;

import dev.plc.repo.Evidence;
import dev.plc.repo.RepoIndex;
import dev.plc.repo.Validation;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.plc.repo.profile.ValidationsReader.DEFAULT_TIMEOUT_S;
import static dev.plc.repo.profile.ValidationsReader.PROFILE;

/**
 * Reads the validations of {@code REPO_PROFILE.json}, in either shape:
 * {@code {"validations": [{"name": "test", "command": "...", "timeout_s": 900}]}} or
 * {@code {"validations": {"lint": "npm run lint", "test": {"command": "npm test", "timeout_s": 300}}}}.
 * Empty when the file cannot be used; the reason is added to the warnings.
 */
final class ProfileValidations {

    static final String FALLBACK = "the validations below are inferred from the build files instead";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProfileValidations() {
    }

    static Optional<List<Validation>> read(RepoIndex repo, List<String> warnings) {
        Optional<String> text = repo.read(PROFILE);
        if (text.isEmpty()) {
            warnings.add(PROFILE + ": cannot be read as text: " + FALLBACK);
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(text.get());
        } catch (JacksonException e) {
            warnings.add(malformed(e));
            return Optional.empty();
        }
        return validations(root, repo.lines(PROFILE), warnings);
    }

    private static String malformed(JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        String where = at == null ? PROFILE : PROFILE + ":" + at.getLineNr() + ":" + at.getColumnNr();
        String reason = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("").strip();
        return where + ": malformed JSON (" + reason + "): fix the file; " + FALLBACK;
    }

    private static Optional<List<Validation>> validations(JsonNode root, List<String> lines, List<String> warnings) {
        JsonNode declared = root == null || !root.isObject() ? null : root.get("validations");
        if (declared == null || declared.isNull()) {
            warnings.add(PROFILE + ": no \"validations\" found (expected {\"validations\": [{\"name\": \"test\", \"command\": \"...\"}]}); " + FALLBACK);
            return Optional.empty();
        }
        List<Validation> found = new ArrayList<>();
        if (declared.isArray()) {
            for (int i = 0; i < declared.size(); i++) {
                JsonNode entry = declared.get(i);
                String name = entry.isObject() && entry.path("name").isString() ? entry.get("name").asString() : "validations[" + i + "]";
                entry(name, entry, lines, warnings).ifPresent(found::add);
            }
        } else if (declared.isObject()) {
            for (Map.Entry<String, JsonNode> e : declared.properties()) {
                entry(e.getKey(), e.getValue(), lines, warnings).ifPresent(found::add);
            }
        } else {
            warnings.add(PROFILE + ": \"validations\" must be a list or an object, not " + declared.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                    + "; " + FALLBACK);
            return Optional.empty();
        }
        if (found.isEmpty() && !declared.isEmpty()) {
            warnings.add(PROFILE + ": none of the validations has a usable command; " + FALLBACK);
            return Optional.empty();
        }
        return Optional.of(List.copyOf(found));
    }

    /** One validation: a bare command string, or an object with "command" and optional "timeout_s" and "required". */
    private static Optional<Validation> entry(String name, JsonNode value, List<String> lines, List<String> warnings) {
        JsonNode command = value.isString() ? value : value.path("command");
        if (!command.isString() || command.asString().isBlank()) {
            warnings.add(PROFILE + ": validation '" + name + "' has no \"command\" string; it is skipped");
            return Optional.empty();
        }
        int timeout = DEFAULT_TIMEOUT_S;
        JsonNode t = value.path("timeout_s");
        if (t.isIntegralNumber() && t.asInt() > 0) {
            timeout = t.asInt();
        } else if (!t.isMissingNode()) {
            warnings.add(PROFILE + ": validation '" + name + "' has timeout_s " + t + ", not a positive whole number of seconds; "
                    + DEFAULT_TIMEOUT_S + " is used");
        }
        boolean required = true;
        JsonNode r = value.path("required");
        if (r.isBoolean()) {
            required = r.asBoolean();
        } else if (!r.isMissingNode()) {
            warnings.add(PROFILE + ": validation '" + name + "' has required " + r + ", not true or false; it is treated as required");
        }
        String cmd = command.asString();
        return Optional.of(new Validation(name, cmd, PROFILE, timeout, where(cmd, lines), required));
    }

    /** The line where the command is written (JSON-escaped as in the file). */
    private static Evidence where(String command, List<String> lines) {
        String written = JSON.writeValueAsString(command);
        String needle = written.substring(1, written.length() - 1);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"" + needle + "\"")) {
                return new Evidence(PROFILE, i + 1, lines.get(i));
            }
        }
        return Evidence.ofFile(PROFILE);
    }
}
