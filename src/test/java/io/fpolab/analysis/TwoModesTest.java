package io.fpolab.analysis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwoModesTest {
    private static Map<String, Double> eval(double up, double down, double stay, double success, double peakUp,
            double peakDown, double valley) {
        Map<String, Double> m = new HashMap<>();
        m.put("move_up", up);
        m.put("move_down", down);
        m.put("move_stay", stay);
        m.put("success_rate", success);
        m.put("y_peak_up", peakUp);
        m.put("y_peak_down", peakDown);
        m.put("y_valley", valley);
        return m;
    }

    @Test
    void everyPartOfTheConditionCounts() {
        assertTrue(TwoModes.met(eval(0.45, 0.45, 0.10, 1.0, 0.6, 0.5, 0.2)));
        assertFalse(TwoModes.met(eval(0.29, 0.61, 0.10, 1.0, 0.6, 0.5, 0.2)), "up below 0.30");
        assertFalse(TwoModes.met(eval(0.61, 0.29, 0.10, 1.0, 0.6, 0.5, 0.2)), "down below 0.30");
        assertFalse(TwoModes.met(eval(0.42, 0.42, 0.16, 1.0, 0.6, 0.5, 0.2)), "stay above 0.15");
        assertFalse(TwoModes.met(eval(0.45, 0.45, 0.10, 0.94, 0.6, 0.5, 0.2)), "success below 0.95");
        assertFalse(TwoModes.met(eval(0.45, 0.45, 0.10, 1.0, 0.6, 0.5, 0.26)), "valley above half the smaller peak");
        assertFalse(TwoModes.met(eval(0.45, 0.45, 0.10, 1.0, 0.6, 0.0, Double.NaN)), "no peak below -0.5");
        assertFalse(TwoModes.met(Map.of("move_up", 0.5)), "an evaluation without the saddle metrics");
    }
}
