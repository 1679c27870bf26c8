package io.fpolab.core.nn;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conversions between Java arrays and ND4J matrices (row-major), in one place. */
public final class Nd {
    private Nd() {
    }

    /** A {@code [rows, cols]} matrix of {@code dtype} holding a copy of {@code data}. */
    public static INDArray matrix(float[] data, int rows, int cols, DataType dtype) {
        if (data.length != (long) rows * cols) {
            throw new IllegalArgumentException(data.length + " values for a " + rows + "x" + cols + " matrix");
        }
        if (dtype == DataType.FLOAT) {
            // One memcpy: Nd4j.create(float[], ...) copies element by element, ~10x slower on big batches.
            INDArray m = Nd4j.createUninitialized(DataType.FLOAT, rows, cols);
            ((FloatPointer) m.data().pointer()).put(data);
            return m;
        }
        return Nd4j.create(data, new long[] {rows, cols}, 'c').castTo(dtype);
    }

    /** A {@code [rows, cols]} matrix of {@code dtype} holding a copy of {@code data}. */
    public static INDArray matrix(double[] data, int rows, int cols, DataType dtype) {
        if (dtype == DataType.FLOAT) {
            // Rounded in Java (as castTo would) and copied once: no ND4J call.
            float[] f = new float[data.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) data[i];
            }
            return matrix(f, rows, cols, dtype);
        }
        INDArray m = Nd4j.create(data, new long[] {rows, cols}, 'c');
        return dtype == DataType.DOUBLE ? m : m.castTo(dtype);
    }

    /** All elements in row-major order as floats. */
    public static float[] floats(INDArray a) {
        if (isPlainFloat(a)) {
            float[] out = new float[(int) a.length()];
            ((FloatPointer) a.data().pointer()).get(out);
            return out;
        }
        return a.dup('c').castTo(DataType.FLOAT).reshape(a.length()).toFloatVector();
    }

    /** A float array that owns its whole buffer in row-major order (not a view), so one memcpy reads it. */
    private static boolean isPlainFloat(INDArray a) {
        return a.dataType() == DataType.FLOAT && !a.isView() && a.offset() == 0 && a.ordering() == 'c'
                && a.elementWiseStride() == 1 && a.length() == a.data().length() && a.length() <= Integer.MAX_VALUE;
    }

    /**
     * All elements of {@code a} in row-major order, widened into {@code out}; {@code buffer} (same length) holds
     * the floats on the way when {@code a} is a plain float array, so no array is allocated.
     */
    public static void read(INDArray a, float[] buffer, double[] out) {
        if (a.length() != out.length || buffer.length != out.length) {
            throw new IllegalArgumentException(a.length() + " values into " + out.length + " (buffer " + buffer.length + ")");
        }
        if (isPlainFloat(a)) {
            ((FloatPointer) a.data().pointer()).get(buffer);
            for (int i = 0; i < out.length; i++) {
                out[i] = buffer[i];
            }
        } else {
            System.arraycopy(doubles(a), 0, out, 0, out.length);
        }
    }

    /** All elements in row-major order as doubles (one memcpy out when {@code a} is a plain float array). */
    public static double[] doubles(INDArray a) {
        if (isPlainFloat(a)) {
            float[] f = floats(a);
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return d;
        }
        return a.dup('c').castTo(DataType.DOUBLE).reshape(a.length()).toDoubleVector();
    }
}
