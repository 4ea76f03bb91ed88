package dev.plc.plan.impact;

import java.util.Map;
import java.util.Optional;

/** The lexical rules that matter for finding string literals: comments, quote characters, raw strings. */
enum Language {
    JAVA(true, false, false, true, false),
    KOTLIN(true, false, false, true, false),
    GO(true, false, false, false, true),
    PYTHON(false, true, true, true, false),
    JAVASCRIPT(true, false, true, false, true),
    RUBY(false, true, true, false, false),
    CSHARP(true, false, false, true, false),
    RUST(true, false, false, false, false);

    final boolean slashComments;
    final boolean hashComments;
    final boolean singleQuoteStrings;
    final boolean tripleQuotes;
    final boolean backtickStrings;

    Language(boolean slashComments, boolean hashComments, boolean singleQuoteStrings, boolean tripleQuotes, boolean backtickStrings) {
        this.slashComments = slashComments;
        this.hashComments = hashComments;
        this.singleQuoteStrings = singleQuoteStrings;
        this.tripleQuotes = tripleQuotes;
        this.backtickStrings = backtickStrings;
    }

    private static final Map<String, Language> BY_EXTENSION = Map.ofEntries(
            Map.entry("java", JAVA), Map.entry("kt", KOTLIN), Map.entry("kts", KOTLIN), Map.entry("go", GO),
            Map.entry("py", PYTHON), Map.entry("js", JAVASCRIPT), Map.entry("mjs", JAVASCRIPT), Map.entry("cjs", JAVASCRIPT),
            Map.entry("jsx", JAVASCRIPT), Map.entry("ts", JAVASCRIPT), Map.entry("mts", JAVASCRIPT), Map.entry("cts", JAVASCRIPT),
            Map.entry("tsx", JAVASCRIPT), Map.entry("rb", RUBY), Map.entry("cs", CSHARP), Map.entry("rs", RUST));

    static Optional<Language> of(String extension) {
        return Optional.ofNullable(BY_EXTENSION.get(extension));
    }

    static boolean isSource(String extension) {
        return BY_EXTENSION.containsKey(extension);
    }
}
