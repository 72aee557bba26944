package dev.deepfer.data;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;

/**
 * The eight EXIF orientations (TIFF tag 0x0112): how the stored pixels must be mirrored and/or
 * turned to appear upright. Each constant maps a stored pixel {@code (x, y)} of a {@code w x h}
 * image to its upright position; {@link #apply} copies raster samples, so the colour model (grey,
 * 16-bit, alpha, indexed) survives unchanged.
 */
public enum ExifOrientation {
    /** Stored upright. */
    NORMAL(false),
    /** Mirrored left-right. */
    MIRROR_HORIZONTAL(false),
    /** Turned 180 degrees. */
    ROTATE_180(false),
    /** Mirrored top-bottom. */
    MIRROR_VERTICAL(false),
    /** Mirrored along the main diagonal. */
    TRANSPOSE(true),
    /** Needs a 90 degree clockwise turn (the usual portrait phone photo). */
    ROTATE_90_CW(true),
    /** Mirrored along the anti-diagonal. */
    TRANSVERSE(true),
    /** Needs a 90 degree counter-clockwise turn. */
    ROTATE_90_CCW(true);

    private final boolean swapsAxes;

    ExifOrientation(boolean swapsAxes) {
        this.swapsAxes = swapsAxes;
    }

    /** The constant for an EXIF tag value 1..8; anything else (absent, damaged) is {@link #NORMAL}. */
    public static ExifOrientation fromTag(int value) {
        return value >= 1 && value <= 8 ? values()[value - 1] : NORMAL;
    }

    /** The EXIF tag value, 1..8. */
    public int tag() {
        return ordinal() + 1;
    }

    /** Whether the upright image has width and height exchanged. */
    public boolean swapsAxes() {
        return swapsAxes;
    }

    /** {@code img} turned upright; {@code img} itself for {@link #NORMAL}. */
    public BufferedImage apply(BufferedImage img) {
        if (this == NORMAL) {
            return img;
        }
        int w = img.getWidth();
        int h = img.getHeight();
        WritableRaster src = img.getRaster();
        WritableRaster dst = src.createCompatibleWritableRaster(swapsAxes ? h : w, swapsAxes ? w : h);
        Object pixel = null;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                pixel = src.getDataElements(x, y, pixel);
                dst.setDataElements(targetX(x, y, w, h), targetY(x, y, w, h), pixel);
            }
        }
        return new BufferedImage(img.getColorModel(), dst, img.isAlphaPremultiplied(), null);
    }

    private int targetX(int x, int y, int w, int h) {
        return switch (this) {
            case NORMAL, MIRROR_VERTICAL -> x;
            case MIRROR_HORIZONTAL, ROTATE_180 -> w - 1 - x;
            case TRANSPOSE, ROTATE_90_CCW -> y;
            case ROTATE_90_CW, TRANSVERSE -> h - 1 - y;
        };
    }

    private int targetY(int x, int y, int w, int h) {
        return switch (this) {
            case NORMAL, MIRROR_HORIZONTAL -> y;
            case ROTATE_180, MIRROR_VERTICAL -> h - 1 - y;
            case TRANSPOSE, ROTATE_90_CW -> x;
            case ROTATE_90_CCW, TRANSVERSE -> w - 1 - x;
        };
    }
}
