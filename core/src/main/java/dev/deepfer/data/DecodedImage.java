package dev.deepfer.data;

import java.awt.image.BufferedImage;

/**
 * An image as the camera meant it to be seen: {@code image} is already turned upright per its EXIF
 * orientation; {@code storedWidth} x {@code storedHeight} are the dimensions in the file, before
 * that turn (they are swapped relative to {@code image} for orientations 5 to 8).
 *
 * @param image the upright pixels (colour model as decoded: grey, RGB, RGBA, 16-bit, indexed)
 * @param storedWidth width declared in the file header
 * @param storedHeight height declared in the file header
 * @param format the reader's format name, lower case ({@code "jpeg"}, {@code "png"}, ...)
 * @param orientation the EXIF orientation that was applied
 */
public record DecodedImage(BufferedImage image, int storedWidth, int storedHeight, String format,
        ExifOrientation orientation) {
    /** Width of the upright image. */
    public int width() {
        return image.getWidth();
    }

    /** Height of the upright image. */
    public int height() {
        return image.getHeight();
    }
}
