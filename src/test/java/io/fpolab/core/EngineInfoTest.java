package io.fpolab.core;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EngineInfoTest {
    @Test
    void theEngineStartsOnceAndDescribesItself() {
        String first = EngineInfo.warmUp();
        assertTrue(first.startsWith("ND4J Cpu, "), first);
        assertSame(first, EngineInfo.warmUp(), "a second call returns the first call's outcome without new work");
    }
}
