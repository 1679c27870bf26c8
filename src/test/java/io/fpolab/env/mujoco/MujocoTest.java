package io.fpolab.env.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The binding's version check and the suite's refusals; needs no MuJoCo. */
class MujocoTest {
    @Test
    void versionNumbersReadAsReleases() {
        assertEquals("2.2.2", Mujoco.versionString(222));
        assertEquals("3.1.6", Mujoco.versionString(316));
        assertEquals("2.3.0", Mujoco.versionString(230));
    }

    @Test
    void anUnsupportedVersionIsRefusedInOneLineNamingFoundAndSupported() {
        String msg = Mujoco.unsupportedVersionMessage(316, "/opt/mujoco/lib/libmujoco.so");
        assertFalse(msg.contains("\n"), msg);
        assertTrue(msg.startsWith("MuJoCo 3.1.6 found (/opt/mujoco/lib/libmujoco.so)"), msg);
        assertTrue(msg.contains("MuJoCo 2.2.2 only"), msg);
        assertTrue(msg.contains("apt-get install libmujoco-dev"), msg);
        assertTrue(msg.contains("FPOLAB_MUJOCO"), msg);
    }

    @Test
    void theStatusIsEitherAVersionOrOneLineWithTheInstallHint() {
        if (Mujoco.available()) {
            assertEquals("2.2.2", Mujoco.version());
            assertEquals(null, MujocoSuite.unavailableReason(CheetahRun.ID));
        } else {
            String reason = MujocoSuite.unavailableReason(CheetahRun.ID);
            assertTrue(reason.startsWith("cheetah-run needs MuJoCo 2.2.2: "), reason);
            assertTrue(reason.contains("apt-get install libmujoco-dev") && !reason.contains("\n"), reason);
            assertThrows(MujocoUnavailableException.class, () -> MujocoSuite.create(CheetahRun.ID, 1));
        }
    }

    @Test
    void theSuiteRefusesUnknownTasksAndZeroEnvs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MujocoSuite.create("cheetah-walk", 1));
        assertTrue(e.getMessage().contains("'cheetah-walk'") && e.getMessage().contains("cheetah-run"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MujocoSuite.create(CheetahRun.ID, 0));
    }
}
