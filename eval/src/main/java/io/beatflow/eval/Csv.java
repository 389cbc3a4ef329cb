package io.beatflow.eval;

/** CSV quoting shared by the table renderers (RFC 4180). */
final class Csv {
    private Csv() {
    }

    /** Quotes a field when it holds a comma, a quote or a line break. */
    static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
