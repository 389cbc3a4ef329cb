package io.beatflow.models;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Library and runtime versions recorded in model cards (from the build's filtered resource). */
final class Versions {
    private Versions() {
    }

    static Map<String, String> all() {
        Map<String, String> m = new LinkedHashMap<>();
        Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/io/beatflow/models/versions.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // versions are informative; a missing resource leaves them out
        }
        for (String k : p.stringPropertyNames()) {
            m.put(k, p.getProperty(k));
        }
        m.put("java", System.getProperty("java.version"));
        return m;
    }
}
