package io.beatflow.models.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.models.UnsupportedDeviceException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendTest {
    /**
     * Machine code runs on GPUs of its own major compute capability with the same or a higher
     * minor one: sm_86 code on an 8.9 GPU (an L4), sm_70 on 7.2, none of it on 9.0 (H100, H200),
     * 10.0 or 12.0, or on 3.5 (the oldest target is sm_37).
     */
    @Test
    void kernelsRunOnGpusOfTheirMajorCapability() {
        for (int[] yes : new int[][] {{3, 7}, {5, 0}, {5, 3}, {6, 1}, {7, 0}, {7, 2}, {7, 5}, {8, 0}, {8, 6}, {8, 9}}) {
            assertTrue(Backend.cudaKernelsRunOn(yes[0], yes[1]), yes[0] + "." + yes[1]);
        }
        for (int[] no : new int[][] {{3, 5}, {3, 0}, {2, 1}, {9, 0}, {10, 0}, {12, 0}}) {
            assertFalse(Backend.cudaKernelsRunOn(no[0], no[1]), no[0] + "." + no[1]);
        }
    }

    /** ND4J's device list, as its CUDA executioner reports it, named in the description. */
    @Test
    void aUsableGpuIsNamed() {
        Object devices = List.of(Map.of("cuda.deviceName", "NVIDIA A100-SXM4-40GB", "cuda.deviceMajor", 8L,
                "cuda.deviceMinor", 0L));
        assertEquals("cuda (JCublasBackend, device 0: NVIDIA A100-SXM4-40GB, compute capability 8.0)",
                Backend.describeCuda("JCublasBackend", devices));
        assertEquals("cuda (JCublasBackend)", Backend.describeCuda("JCublasBackend", null));
    }

    /** A GPU the kernels cannot run on is refused by name, with what to do, even beside one that can. */
    @Test
    void aGpuTheKernelsCannotRunOnIsRefused() {
        Object devices = List.of(
                Map.of("cuda.deviceName", "NVIDIA A10", "cuda.deviceMajor", 8L, "cuda.deviceMinor", 6L),
                Map.of("cuda.deviceName", "NVIDIA H100 80GB HBM3", "cuda.deviceMajor", 9L, "cuda.deviceMinor", 0L));
        UnsupportedDeviceException e = assertThrows(UnsupportedDeviceException.class,
                () -> Backend.describeCuda("JCublasBackend", devices));
        String m = e.getMessage();
        assertTrue(m.contains("device 1: NVIDIA H100 80GB HBM3, compute capability 9.0") && !m.contains("A10"), m);
        assertTrue(m.contains("CUDA_VISIBLE_DEVICES") && m.contains("without -Dcuda"), m);
    }
}
