package io.beatflow.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code CLASS=FILE} values of options that name a file per class ({@code --class}, {@code --expert}). */
final class ClassArgs {
    private ClassArgs() {
    }

    /**
     * The values as class to file, in the order given.
     *
     * @param option the option's name, for messages
     * @param what what follows the {@code =} ({@code FILE}, {@code BUNDLE}), for messages
     * @param example an example value, for messages
     * @throws IllegalArgumentException naming a value that is not {@code CLASS=FILE}, or a class given twice
     */
    static Map<String, String> byClass(String option, List<String> values, String what, String example) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String v : values) {
            int eq = v.indexOf('=');
            if (eq <= 0 || eq == v.length() - 1) {
                throw new IllegalArgumentException(option + " '" + v + "': expected CLASS=" + what + ", e.g. "
                        + example);
            }
            if (out.put(v.substring(0, eq), v.substring(eq + 1)) != null) {
                throw new IllegalArgumentException(option + ": class " + v.substring(0, eq) + " is given twice");
            }
        }
        return out;
    }
}
