package io.beatflow.models.internal;

import io.beatflow.models.UnsupportedDeviceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.environment.Nd4jEnvironment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/** Names the ND4J backend in use, and refuses a GPU that its kernels cannot run on. */
public final class Backend {
    /**
     * The compute capabilities (10 x major + minor) that ND4J 1.0.0-M2.1's CUDA kernels carry
     * machine code (SASS) for, in libnd4jcuda.so of nd4j-cuda-11.6 and of nd4j-cuda-11.4 alike; they
     * carry no PTX that a driver could compile for another GPU ({@code bench/cuda_probe.py} reads
     * them out of the jar).
     */
    static final int[] CUDA_KERNEL_TARGETS = {37, 50, 52, 60, 61, 70, 75, 80, 86};

    private static volatile String description;

    private Backend() {
    }

    /**
     * {@code cpu (nd4j-native, oneDNN)}, {@code cpu (nd4j-native)}, or {@code cuda (BACKEND,
     * device 0: NAME, compute capability X.Y, ...)}, from the loaded backend class, the native
     * bindings on the class path and, on CUDA, the devices ND4J found.
     *
     * @throws UnsupportedDeviceException on CUDA, if a device is a GPU the kernels cannot run on
     */
    public static String describe() {
        String d = description;
        if (d == null) {
            String cls = Nd4j.getBackend().getClass().getName();
            if (cls.toLowerCase(java.util.Locale.ROOT).contains("cuda") || cls.contains("JCublas")) {
                d = describeCuda(Nd4j.getBackend().getClass().getSimpleName(), Nd4j.getExecutioner()
                        .getEnvironmentInformation().get(Nd4jEnvironment.CUDA_DEVICE_INFORMATION_KEY));
            } else {
                boolean onednn = Backend.class.getClassLoader()
                        .getResource("org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64-onednn/") != null;
                d = onednn ? "cpu (nd4j-native, oneDNN)" : "cpu (nd4j-native)";
            }
            description = d;
        }
        return d;
    }

    /**
     * Refuses, before any network is made or read, a device that the backend cannot run its
     * kernels on (see {@link #describe()}); nothing on the CPU.
     */
    public static void requireUsableDevice() {
        describe();
    }

    /**
     * Whether a GPU of compute capability {@code major.minor} can run the CUDA kernels: machine
     * code runs on GPUs of its own major version whose minor version is the same or higher.
     */
    static boolean cudaKernelsRunOn(int major, int minor) {
        for (int target : CUDA_KERNEL_TARGETS) {
            if (target / 10 == major && target % 10 <= minor) {
                return true;
            }
        }
        return false;
    }

    /**
     * The CUDA backend's description from ND4J's device list (a list of maps with the keys of
     * {@link Nd4jEnvironment}: name, major and minor compute capability).
     *
     * @throws UnsupportedDeviceException naming each device the kernels cannot run on
     */
    static String describeCuda(String backend, Object devices) {
        StringBuilder sb = new StringBuilder("cuda (").append(backend);
        List<String> unusable = new ArrayList<>();
        if (devices instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> dev)) {
                    continue;
                }
                Object name = dev.get(Nd4jEnvironment.CUDA_DEVICE_NAME_KEY);
                Object major = dev.get(Nd4jEnvironment.CUDA_DEVICE_MAJOR_VERSION_KEY);
                Object minor = dev.get(Nd4jEnvironment.CUDA_DEVICE_MINOR_VERSION_KEY);
                String device = "device " + i + ": " + name + ", compute capability " + major + "." + minor;
                sb.append(", ").append(device);
                if (major instanceof Number ma && minor instanceof Number mi
                        && !cudaKernelsRunOn(ma.intValue(), mi.intValue())) {
                    unusable.add(device);
                }
            }
        }
        if (!unusable.isEmpty()) {
            throw new UnsupportedDeviceException("ND4J 1.0.0-M2.1's CUDA kernels are built for GPUs of compute"
                    + " capability 3.7 to 8.x only (machine code for sm_37 to sm_86, no PTX), so "
                    + String.join("; ", unusable) + " cannot run them: its driver would refuse every kernel"
                    + " (CUDA_ERROR_NO_BINARY_FOR_GPU). Hide such a GPU with CUDA_VISIBLE_DEVICES if another can"
                    + " run them, or use the CPU build (without -Dcuda); the models README, under GPU, says what"
                    + " would fix it");
        }
        return sb.append(')').toString();
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
