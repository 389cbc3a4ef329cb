package io.beatflow.models.internal;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

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

    /**
     * OpenMP threads (what oneDNN's convolutions use) that an operation started by the calling
     * thread may use: {@code OMP_NUM_THREADS}, or the cores, unless the thread has limited itself.
     */
    public static int nativeThreads() {
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }

    /**
     * Limits the OpenMP threads of operations that the calling thread starts (OpenMP keeps this
     * setting per thread, so other threads keep theirs). A thread of a pool of inference workers
     * calls this so that the workers together use the cores once, not once each.
     */
    public static void limitNativeThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    }
}
