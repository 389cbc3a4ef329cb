package io.beatflow.models.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** {@link Tensors#rows} reads what ND4J's own {@code toFloatMatrix} reads, from any layout. */
class TensorsTest {
    private static void assertSameRows(INDArray m) {
        float[][] expected = m.toFloatMatrix();
        float[][] rows = Tensors.rows(m);
        assertArrayEquals(expected, rows, m.shapeInfoToString());
    }

    @Test
    void rowsOfEveryLayout() {
        INDArray c = Nd4j.rand(DataType.FLOAT, 7, 5);
        assertSameRows(c);
        assertSameRows(c.dup('f'));
        assertSameRows(c.transpose()); // a strided view
        assertSameRows(c.get(NDArrayIndex.interval(2, 6), NDArrayIndex.all())); // a view at an offset
        assertSameRows(c.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 4))); // rows with gaps between them
        assertSameRows(Nd4j.rand(DataType.DOUBLE, 3, 4));
        assertSameRows(Nd4j.rand(DataType.FLOAT, 1, 5));
        assertSameRows(Nd4j.rand(DataType.FLOAT, 6, 1));
    }

    @Test
    void notAMatrixIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Tensors.rows(Nd4j.rand(DataType.FLOAT, 2, 3, 4)));
    }
}
