package io.beatflow.models;

/**
 * The ND4J backend in use cannot run its kernels on a device it found: a GPU whose compute
 * capability the CUDA backend's kernels were not built for. Thrown before the first network is
 * made or read, instead of the driver's refusal at the first kernel.
 */
public final class UnsupportedDeviceException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public UnsupportedDeviceException(String message) {
        super(message);
    }
}
