package io.beatflow.cli;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A backend that does not load is explained in one line; other errors are left alone. */
class ErrorHandlerTest {
    @Test
    void backendFailuresAreExplained() {
        // as a -Dcuda build fails on a machine without a driver: ND4J's own exception, two causes deep
        Throwable cuda = new ExceptionInInitializerError(new RuntimeException(
                new org.nd4j.linalg.factory.Nd4jBackend.NoAvailableBackendException("Please ensure ...")));
        String m = ErrorHandler.backendFailure(cuda);
        assertTrue(m != null && m.startsWith("no ND4J backend could be loaded") && m.contains("-Dcuda"), m);
        String link = ErrorHandler.backendFailure(new RuntimeException(new UnsatisfiedLinkError("libcuda.so.1: x")));
        assertTrue(link != null && link.contains("(libcuda.so.1: x)"), link);
        assertNull(ErrorHandler.backendFailure(new OutOfMemoryError("heap")));
        assertNull(ErrorHandler.backendFailure(new ExceptionInInitializerError(new IllegalStateException("other"))));
    }
}
