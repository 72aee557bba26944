package dev.deepfer.video;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * Test and benchmark clips made from still photos, so no video file has to be shipped: a photo
 * sliding across a grey canvas (one known, moving face), or stills blending into one another (a
 * face whose expression changes).
 */
public final class SyntheticVideo {
    private static final Color BACKGROUND = new Color(0x80, 0x80, 0x80);
    /** Part of each still's share of a {@link #crossFade} spent blending into the next. */
    static final double BLEND = 0.4;

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
            writer.finish();
        }
    }

    /**
     * Writes {@code frames} frames at {@code frameRate} to {@code out}: the {@code stills} (all of
     * one size) in turn, each held for an equal share of the clip and blended linearly into the
     * next over the last {@value #BLEND} of its share.
     */
    public static void crossFade(List<BufferedImage> stills, int frames, double frameRate, Path out)
            throws VideoException {
        if (stills.isEmpty() || frames < stills.size()) {
            throw new IllegalArgumentException("need at least one still and a frame per still, got " + stills.size()
                    + " stills and " + frames + " frames");
        }
        int width = stills.get(0).getWidth();
        int height = stills.get(0).getHeight();
        double share = (double) frames / stills.size();
        try (VideoWriter writer = VideoWriter.open(out, width, height, frameRate)) {
            for (int i = 0; i < frames; i++) {
                int k = Math.min(stills.size() - 1, (int) (i / share));
                double within = i / share - k;
                double mix = k + 1 < stills.size() && within > 1 - BLEND ? (within - (1 - BLEND)) / BLEND : 0;
                writer.write(blend(stills.get(k), k + 1 < stills.size() ? stills.get(k + 1) : stills.get(k), mix));
            }
            writer.finish();
        }
    }

    private static BufferedImage blend(BufferedImage a, BufferedImage b, double mix) {
        BufferedImage out = new BufferedImage(a.getWidth(), a.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(a, 0, 0, null);
            if (mix > 0) {
                g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) mix));
                g.drawImage(b, 0, 0, a.getWidth(), a.getHeight(), null);
            }
        } finally {
            g.dispose();
        }
        return out;
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
