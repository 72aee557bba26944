package dev.deepfer.video;

import java.awt.image.BufferedImage;

/**
 * One decoded picture of a video.
 *
 * @param index position in decoding order, from 0
 * @param seconds presentation time from the start of the stream; strictly increasing
 * @param image the upright pixels (3-byte BGR); the reader reuses the buffer for the next frame,
 *     so copy it to keep it
 */
public record VideoFrame(int index, double seconds, BufferedImage image) {
}
