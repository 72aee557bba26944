package dev.deepfer.video;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-track exponential moving average of the emotion probabilities over time, so a label does not
 * flicker when one frame's crop is a little off. The weight of a new observation depends on the
 * time since the track's previous one, {@code w = 1 - 2^(-dt / halfLife)}: an observation's
 * influence halves every {@code halfLifeSeconds}, whatever the frame rate, and a track seen again
 * after a gap follows the new evidence faster. The average of probability vectors is itself a
 * probability vector. A half-life of 0 turns smoothing off. Not thread-safe (one per video).
 */
public final class Smoothing {
    /**
     * 0.3 s: a flicker of one or two frames at 25-30 frames/s moves the label by less than a fifth
     * of the jump, while a real change of expression (which lasts well over half a second) shows
     * within about half a second.
     */
    public static final double DEFAULT_HALF_LIFE_SECONDS = 0.3;

    private final double halfLifeSeconds;
    private final Map<Integer, State> tracks = new HashMap<>();

    private static final class State {
        final float[] mean;
        double seconds;

        State(float[] mean, double seconds) {
            this.mean = mean;
            this.seconds = seconds;
        }
    }

    /** Smoothing with the given half-life in seconds (0 = off). */
    public Smoothing(double halfLifeSeconds) {
        this.halfLifeSeconds = checkHalfLife(halfLifeSeconds);
    }

    /** {@code halfLifeSeconds} if it is a finite, non-negative number of seconds. */
    static double checkHalfLife(double halfLifeSeconds) {
        if (!(halfLifeSeconds >= 0) || Double.isInfinite(halfLifeSeconds)) {
            throw new IllegalArgumentException("half-life must be a non-negative number of seconds, got "
                    + halfLifeSeconds);
        }
        return halfLifeSeconds;
    }

    public double halfLifeSeconds() {
        return halfLifeSeconds;
    }

    /** Weight of an observation made {@code dtSeconds} after the previous one of its track. */
    public double weight(double dtSeconds) {
        if (halfLifeSeconds == 0) {
            return 1;
        }
        return 1 - Math.pow(2, -Math.max(0, dtSeconds) / halfLifeSeconds);
    }

    /**
     * Folds {@code probabilities} observed at {@code seconds} into track {@code id}'s average and
     * returns a copy of the new average; the first observation of a track is taken as it is.
     */
    public float[] observe(int id, float[] probabilities, double seconds) {
        State s = tracks.get(id);
        if (s == null) {
            tracks.put(id, new State(probabilities.clone(), seconds));
            return probabilities.clone();
        }
        if (s.mean.length != probabilities.length) {
            throw new IllegalArgumentException("track " + id + " had " + s.mean.length + " classes, now "
                    + probabilities.length);
        }
        double w = weight(seconds - s.seconds);
        for (int i = 0; i < s.mean.length; i++) {
            s.mean[i] = (float) ((1 - w) * s.mean[i] + w * probabilities[i]);
        }
        s.seconds = seconds;
        return s.mean.clone();
    }

    /** Drops the state of a track that ended. */
    public void forget(int id) {
        tracks.remove(id);
    }
}
