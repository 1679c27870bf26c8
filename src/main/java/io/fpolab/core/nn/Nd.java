package io.fpolab.core.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conversions between Java arrays and ND4J matrices (row-major), in one place. */
public final class Nd {
    private Nd() {
    }

    /** A {@code [rows, cols]} matrix of {@code dtype} holding a copy of {@code data}. */
    public static INDArray matrix(float[] data, int rows, int cols, DataType dtype) {
        INDArray m = Nd4j.create(data, new long[] {rows, cols}, 'c');
        return dtype == DataType.FLOAT ? m : m.castTo(dtype);
    }

    /** A {@code [rows, cols]} matrix of {@code dtype} holding a copy of {@code data}. */
    public static INDArray matrix(double[] data, int rows, int cols, DataType dtype) {
        INDArray m = Nd4j.create(data, new long[] {rows, cols}, 'c');
        return dtype == DataType.DOUBLE ? m : m.castTo(dtype);
    }

    /** All elements in row-major order as floats. */
    public static float[] floats(INDArray a) {
        return a.dup('c').castTo(DataType.FLOAT).reshape(a.length()).toFloatVector();
    }

    /** All elements in row-major order as doubles. */
    public static double[] doubles(INDArray a) {
        return a.dup('c').castTo(DataType.DOUBLE).reshape(a.length()).toDoubleVector();
    }
}
