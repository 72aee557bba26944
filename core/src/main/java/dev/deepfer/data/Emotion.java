package dev.deepfer.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The seven basic emotions in FER2013 label order: the ordinal is the class index everywhere
 * (datasets, network outputs, manifests).
 */
public enum Emotion {
    ANGRY,
    DISGUST,
    FEAR,
    HAPPY,
    SAD,
    SURPRISE,
    NEUTRAL;

    /** Number of classes. */
    public static final int COUNT = values().length;

    /** Lower-case name used at the JSON / CLI edge ({@code "happy"}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The emotion with the given FER2013 class index. */
    public static Emotion ofIndex(int index) {
        if (index < 0 || index >= COUNT) {
            throw new IllegalArgumentException(
                    "emotion index " + index + " out of range 0.." + (COUNT - 1));
        }
        return values()[index];
    }

    /** Parses a label case-insensitively ({@code "Happy"}, {@code "happy"}); lists valid names on error. */
    public static Emotion parse(String label) {
        for (Emotion e : values()) {
            if (e.name().equalsIgnoreCase(label.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown emotion '" + label + "'; valid: "
                + Arrays.stream(values()).map(Emotion::label).collect(Collectors.joining(", ")));
    }
}
