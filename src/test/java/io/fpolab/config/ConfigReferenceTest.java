package io.fpolab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class ConfigReferenceTest {

    @Test
    void committedReferenceMatchesTheSchema() throws IOException {
        String expected = ConfigReference.markdown();
        if (Boolean.getBoolean("fpolab.regenerateDocs")) {
            ConfigReference.write();
        }
        String actual = Files.exists(ConfigReference.FILE)
                ? Files.readString(ConfigReference.FILE, StandardCharsets.UTF_8) : "";
        assertEquals(expected, actual, "docs/config-reference.md is out of date; rerun this test with "
                + "-Dfpolab.regenerateDocs=true and commit the result");
    }

    @Test
    void referenceListsEverySettingWithItsDescription() {
        String md = ConfigReference.markdown();
        for (FieldSpec f : ConfigSchema.fields()) {
            assertTrue(md.contains("| `" + f.path() + "` |"), f.path());
        }
        assertTrue(md.contains("Number of (τ, ε) pairs per action"));
    }
}
