package dev.deepfer.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Maps the class names other datasets use (folder names such as CK+'s {@code anger},
 * {@code sadness}, RAF-DB's {@code happiness}) to {@link Emotion}s, case-insensitively. Immutable.
 */
public final class LabelMapping {
    private static final LabelMapping STANDARD = new LabelMapping(aliases(Map.of(
            Emotion.ANGRY, List.of("angry", "anger"),
            Emotion.DISGUST, List.of("disgust", "disgusted"),
            Emotion.FEAR, List.of("fear", "fearful", "scared"),
            Emotion.HAPPY, List.of("happy", "happiness", "joy"),
            Emotion.SAD, List.of("sad", "sadness"),
            Emotion.SURPRISE, List.of("surprise", "surprised"),
            Emotion.NEUTRAL, List.of("neutral", "calm"))));

    private final Map<String, Emotion> byName;

    /** A mapping from the given names (matched case-insensitively) to emotions. */
    public LabelMapping(Map<String, Emotion> names) {
        Map<String, Emotion> m = new LinkedHashMap<>();
        names.forEach((name, emotion) -> {
            Emotion previous = m.put(key(name), emotion);
            if (previous != null && previous != emotion) {
                throw new IllegalArgumentException("name '" + name + "' maps to both " + previous + " and " + emotion);
            }
        });
        this.byName = Collections.unmodifiableMap(m);
    }

    /**
     * The usual names: each emotion's own label plus anger, disgusted, fearful, scared, happiness,
     * joy, sadness, surprised and calm.
     */
    public static LabelMapping standard() {
        return STANDARD;
    }

    /** The emotion called {@code name}, if known. */
    public Optional<Emotion> find(String name) {
        return Optional.ofNullable(byName.get(key(name)));
    }

    /** The emotion called {@code name}; lists the accepted names when unknown. */
    public Emotion emotionOf(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown class name '" + name + "'; accepted: " + String.join(", ", names())));
    }

    /** Every accepted name in lower case, sorted. */
    public SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byName.keySet()));
    }

    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    private static Map<String, Emotion> aliases(Map<Emotion, List<String>> byEmotion) {
        Map<String, Emotion> m = new LinkedHashMap<>();
        byEmotion.forEach((emotion, names) -> names.forEach(n -> m.put(n, emotion)));
        return m;
    }
}
