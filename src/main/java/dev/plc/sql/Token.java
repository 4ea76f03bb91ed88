package dev.plc.sql;

/**
 * One lexeme of a statement. {@code upper} is what rules match on (keywords and identifiers
 * upper-cased, quotes of identifiers stripped; string literals keep their quotes so they never
 * match a keyword); {@code word} is the same lexeme with its original case, for messages.
 * {@code start}/{@code end} are offsets in the statement text.
 */
record Token(Kind kind, String upper, String word, int start, int end) {

    enum Kind { WORD, QUOTED_IDENTIFIER, STRING, NUMBER, PUNCT }

    boolean isName() {
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
    }
}
