package dev.deepfer.video;

/**
 * One face in one frame of a video.
 *
 * @param frame frame index from 0
 * @param seconds the frame's time from the start
 * @param face the tracked face
 */
public record TimelineRow(int frame, double seconds, TrackedFace face) {
}
