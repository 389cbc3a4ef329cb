package io.beatflow.models.internal;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
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

    /**
     * The rows of a matrix as float arrays, read from its buffer in one copy. ND4J's own
     * {@code INDArray.toFloatMatrix()} takes each row as a view and duplicates it, one native op
     * per row, which took a large share of a CNN's forward pass (models README, Speed).
     *
     * @throws IllegalArgumentException if {@code m} is not a matrix
     */
    static float[][] rows(INDArray m) {
        if (m.rank() != 2) {
            throw new IllegalArgumentException("expected a matrix, got shape " + Arrays.toString(m.shape()));
        }
        // an array of its own, in row order (a view's buffer may be its parent's): read as it is; else a row-order copy
        boolean own = m.dataType() == DataType.FLOAT && m.ordering() == 'c' && !m.isView() && m.offset() == 0
                && m.elementWiseStride() == 1;
        INDArray c = own ? m : m.castTo(DataType.FLOAT).dup('c');
        int rows = (int) c.rows();
        int cols = (int) c.columns();
        float[] flat = c.data().getFloatsAt(0, rows * cols);
        float[][] out = new float[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = Arrays.copyOfRange(flat, i * cols, (i + 1) * cols);
        }
        return out;
    }
}
