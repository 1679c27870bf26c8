package io.fpolab.core.nn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.zip.CRC32;

/** Runs the SiLU kernels on fixed inputs and prints a CRC of the output bits (see VectorKernelsTest). */
public final class VectorKernelsDigest {
    private static final int N = 4099; // not a multiple of any vector length: the scalar tail runs too

    private VectorKernelsDigest() {
    }

    public static void main(String[] args) {
        System.out.println(digest());
    }

    static String digest() {
        Random rng = new Random(11);
        ByteBuffer z = buffer();
        ByteBuffer dh = buffer();
        for (int i = 0; i < N; i++) {
            z.putFloat(4 * i, (float) (rng.nextGaussian() * 6));
            dh.putFloat(4 * i, (float) rng.nextGaussian());
        }
        ByteBuffer sig = buffer();
        ByteBuffer h = buffer();
        VectorKernels.forward(z, sig, h, N);
        VectorKernels.backward(dh, z, sig, N);
        CRC32 crc = new CRC32();
        for (ByteBuffer b : new ByteBuffer[] {sig, h, dh}) {
            crc.update(b.duplicate().position(0).limit(4 * N));
        }
        return Long.toHexString(crc.getValue());
    }

    private static ByteBuffer buffer() {
        return ByteBuffer.allocateDirect(4 * N).order(ByteOrder.nativeOrder());
    }
}
