package io.beatflow.models.internal;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small ND4J helpers. */
final class Tensors {
    private Tensors() {
    }

    /** One-hot labels, {@code n x classes}. */
    static INDArray oneHot(int[] labels, int n, int classes) {
        float[] y = new float[n * classes];
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of beat " + i + " outside 0.." + (classes - 1));
            }
            y[i * classes + labels[i]] = 1f;
        }
        return Nd4j.createFromArray(y).reshape(n, classes);
    }
}
