package io.fpolab.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void aSlotHandsItsThreadTheSameArrayAgainAllZeros() {
        Scratch.Floats slot = new Scratch.Floats();
        float[] a = slot.zeroed(5);
        a[2] = 7f;
        float[] b = slot.zeroed(5);
        assertSame(a, b);
        assertArrayEquals(new float[5], b);
        Scratch.Doubles d = new Scratch.Doubles();
        double[] x = d.zeroed(3);
        x[0] = 1;
        assertSame(x, d.zeroed(3));
        assertEquals(0.0, x[0]);
    }

    @Test
    void everyLengthIsExactAndAFewLengthsAreRememberedAtOnce() {
        Scratch.Floats slot = new Scratch.Floats();
        float[] big = slot.zeroed(683);
        float[] small = slot.zeroed(682);
        assertEquals(683, big.length);
        assertEquals(682, small.length);
        assertSame(big, slot.zeroed(683));
        assertSame(small, slot.zeroed(682));
        for (int n = 1; n <= 4; n++) {
            slot.zeroed(n); // four other lengths push the oldest out
        }
        assertNotSame(big, slot.zeroed(683));
    }

    @Test
    void threadsNeverShareAnArray() throws Exception {
        Scratch.Doubles slot = new Scratch.Doubles();
        double[] mine = slot.zeroed(8);
        double[] theirs = CompletableFuture.supplyAsync(() -> slot.zeroed(8), Runnable::run).get();
        assertSame(mine, theirs); // Runnable::run runs on this thread
        double[] other = CompletableFuture.supplyAsync(() -> slot.zeroed(8)).get();
        assertNotSame(mine, other);
    }
}
