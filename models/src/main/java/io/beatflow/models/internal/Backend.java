package io.beatflow.models.internal;

import org.nd4j.linalg.factory.Nd4j;

/** Names the ND4J backend in use. */
public final class Backend {
    private Backend() {
    }

    /**
     * {@code cpu (nd4j-native, oneDNN)}, {@code cpu (nd4j-native)} or {@code cuda (...)}, from the
     * loaded backend class and the native bindings on the class path.
     */
    public static String describe() {
        String cls = Nd4j.getBackend().getClass().getName();
        if (cls.toLowerCase(java.util.Locale.ROOT).contains("cuda") || cls.contains("JCublas")) {
            return "cuda (" + Nd4j.getBackend().getClass().getSimpleName() + ")";
        }
        boolean onednn = Backend.class.getClassLoader()
                .getResource("org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64-onednn/") != null;
        return onednn ? "cpu (nd4j-native, oneDNN)" : "cpu (nd4j-native)";
    }
}
