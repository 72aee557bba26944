package dev.deepfer.video;

import dev.deepfer.infer.FaceEmotion;

/**
 * A face of one video frame with its track.
 *
 * @param trackId the {@link FaceTracker} id, stable while the face stays in view
 * @param raw what the recogniser said for this frame alone
 * @param smoothed the track's probabilities averaged over time ({@link Smoothing}), same box
 */
public record TrackedFace(int trackId, FaceEmotion raw, FaceEmotion smoothed) {
}
