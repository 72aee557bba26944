package dev.deepfer.infer;

import dev.deepfer.data.Emotion;
import dev.deepfer.face.FaceBox;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One recognised face: its box in the original (EXIF-upright) image's pixels, the probability of
 * each emotion, the top emotion and its (calibrated, where the model has a temperature) confidence.
 */
public record FaceEmotion(FaceBox box, Map<Emotion, Double> probabilities, Emotion emotion, double confidence) {

    public FaceEmotion {
        probabilities = Collections.unmodifiableMap(new EnumMap<>(probabilities));
    }

    /** Builds the record from a probability vector in {@link Emotion} order. */
    public static FaceEmotion of(FaceBox box, float[] probs) {
        if (probs.length != Emotion.COUNT) {
            throw new IllegalArgumentException("expected " + Emotion.COUNT + " probabilities, got " + probs.length);
        }
        Map<Emotion, Double> map = new EnumMap<>(Emotion.class);
        int top = 0;
        for (int i = 0; i < probs.length; i++) {
            map.put(Emotion.ofIndex(i), (double) probs[i]);
            if (probs[i] > probs[top]) {
                top = i;
            }
        }
        return new FaceEmotion(box, map, Emotion.ofIndex(top), probs[top]);
    }
}
