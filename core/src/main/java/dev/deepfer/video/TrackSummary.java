package dev.deepfer.video;

import dev.deepfer.data.Emotion;
import java.util.List;

/**
 * One track of a {@link Timeline} in a line: when it was seen and its prevailing emotion.
 *
 * @param trackId the track
 * @param firstFrame first frame with the face
 * @param lastFrame last frame with the face
 * @param frames frames in which the face was recognised (detected, or, with {@code --detect-every},
 *               recognised where it was last detected)
 * @param firstSeconds time of the first frame
 * @param lastSeconds time of the last frame
 * @param emotion the emotion with the highest smoothed probability averaged over the track
 * @param meanProbability that average
 */
public record TrackSummary(int trackId, int firstFrame, int lastFrame, int frames, double firstSeconds,
        double lastSeconds, Emotion emotion, double meanProbability) {

    /** Summarises the rows of one track (in frame order, at least one). */
    static TrackSummary of(int trackId, List<TimelineRow> rows) {
        double[] mean = new double[Emotion.COUNT];
        for (TimelineRow r : rows) {
            for (Emotion e : Emotion.values()) {
                mean[e.ordinal()] += r.face().smoothed().probabilities().get(e) / rows.size();
            }
        }
        int top = 0;
        for (int i = 1; i < mean.length; i++) {
            if (mean[i] > mean[top]) {
                top = i;
            }
        }
        TimelineRow first = rows.get(0);
        TimelineRow last = rows.get(rows.size() - 1);
        return new TrackSummary(trackId, first.frame(), last.frame(), rows.size(), first.seconds(), last.seconds(),
                Emotion.ofIndex(top), mean[top]);
    }
}
