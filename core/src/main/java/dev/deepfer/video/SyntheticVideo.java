package dev.deepfer.video;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * A test and benchmark clip made from a still photo: the photo, scaled to a given height, slides
 * from the left edge of a grey canvas to the right edge over the clip, at a constant speed. Gives
 * a video with one known, moving face without shipping a video file.
 */
public final class SyntheticVideo {
    private static final Color BACKGROUND = new Color(0x80, 0x80, 0x80);

    private SyntheticVideo() {
    }

    /**
     * Writes {@code frames} frames of {@code width x height} at {@code frameRate} to {@code out},
     * {@code photo} scaled to {@code photoHeight} pixels high and moving left to right.
     */
    public static void movingPhoto(BufferedImage photo, int photoHeight, int width, int height, int frames,
            double frameRate, Path out) throws VideoException {
        if (frames < 1 || photoHeight < 1 || photoHeight > height) {
            throw new IllegalArgumentException("need at least one frame and a photo height in 1.." + height
                    + ", got " + frames + " and " + photoHeight);
        }
        try (VideoWriter writer = VideoWriter.open(out, width, height, frameRate)) {
            for (int i = 0; i < frames; i++) {
                writer.write(frame(photo, photoHeight, width, height, frames == 1 ? 0 : (double) i / (frames - 1)));
            }
        }
    }

    /** The canvas with the photo {@code progress} (0 to 1) of the way from the left to the right edge. */
    static BufferedImage frame(BufferedImage photo, int photoHeight, int width, int height, double progress) {
        int photoWidth = Math.max(1, (int) Math.round(photo.getWidth() * (double) photoHeight / photo.getHeight()));
        int x = (int) Math.round(progress * (width - photoWidth));
        int y = (height - photoHeight) / 2;
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, width, height);
            g.drawImage(photo, x, y, photoWidth, photoHeight, null);
        } finally {
            g.dispose();
        }
        return canvas;
    }
}
