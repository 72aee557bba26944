package dev.deepfer.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Learning-rate schedules. */
public enum ScheduleKind {
    /** One-cycle (Smith &amp; Topin, 2019): cosine rise to the peak over the warm-up share, cosine decay to peak/1e4. */
    ONE_CYCLE,
    /** Linear warm-up, then cosine decay to zero. */
    COSINE,
    /** Multiply by 0.1 at 50% and 75% of the epochs, after warm-up. */
    STEP,
    /** Halve when the validation metric has not improved for 3 epochs (after warm-up). */
    PLATEAU,
    /** Constant. */
    CONSTANT;

    public static ScheduleKind parse(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (ScheduleKind k : values()) {
            if (k.name().equals(n)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown schedule '" + name + "'; valid: " + Arrays.stream(values())
                .map(v -> v.name().toLowerCase(Locale.ROOT).replace('_', '-')).collect(Collectors.joining(", ")));
    }
}
