package dev.deepfer.infer;

import dev.deepfer.data.Emotion;
import dev.deepfer.face.FaceBox;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * Draws recognition results onto a copy of an image: a box per face in its top emotion's colour,
 * the label with its confidence, and — when there are at most {@value #MAX_FACES_WITH_BARS}
 * faces, so panels do not cover each other — a bar per emotion beside the box.
 */
public final class Annotations {
    /** One colour per emotion, in {@link Emotion} order (colour-blind-safe Okabe-Ito palette). */
    private static final Color[] COLOURS = {
        new Color(0xD55E00), new Color(0x009E73), new Color(0x8B5FBF), new Color(0xF0E442),
        new Color(0x0072B2), new Color(0xE69F00), new Color(0x999999)};

    /** Beyond this many faces only boxes and labels are drawn. */
    public static final int MAX_FACES_WITH_BARS = 3;

    private Annotations() {
    }

    public static Color colour(Emotion e) {
        return COLOURS[e.ordinal()];
    }

    /** A new RGB image: {@code image} with the faces drawn on it. */
    public static BufferedImage draw(BufferedImage image, List<FaceEmotion> faces) {
        return draw(image, faces, List.of());
    }

    /**
     * As {@link #draw(BufferedImage, List)}, each label preceded by the face's tag (such as a video
     * track's {@code #3}); {@code tags} is empty or has one entry per face.
     */
    public static BufferedImage draw(BufferedImage image, List<FaceEmotion> faces, List<String> tags) {
        if (!tags.isEmpty() && tags.size() != faces.size()) {
            throw new IllegalArgumentException(tags.size() + " tags for " + faces.size() + " faces");
        }
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.drawImage(image, 0, 0, null);
            int unit = Math.max(10, Math.min(image.getWidth(), image.getHeight()) / 40);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, unit));
            for (int i = 0; i < faces.size(); i++) {
                drawFace(g, faces.get(i), tags.isEmpty() ? "" : tags.get(i) + " ", unit, image.getWidth(),
                        faces.size() <= MAX_FACES_WITH_BARS);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private static void drawFace(Graphics2D g, FaceEmotion f, String tag, int unit, int imageWidth, boolean bars) {
        FaceBox b = f.box();
        Color c = colour(f.emotion());
        g.setColor(c);
        g.setStroke(new BasicStroke(Math.max(2f, unit / 5f)));
        g.drawRect(b.x(), b.y(), b.width(), b.height());
        String label = String.format(Locale.ROOT, "%s%s %.0f%%", tag, f.emotion().label(), 100 * f.confidence());
        int textWidth = g.getFontMetrics().stringWidth(label);
        int ty = Math.max(unit + 4, b.y() - 4);
        g.fillRect(b.x(), ty - unit - 2, textWidth + 8, unit + 6);
        g.setColor(Color.BLACK);
        g.drawString(label, b.x() + 4, ty);
        if (!bars) {
            return;
        }
        int barX = b.x() + b.width() + 6 + 8 * unit > imageWidth ? Math.max(0, b.x() - 8 * unit - 6) : b.x() + b.width() + 6;
        int barH = Math.max(6, unit * 3 / 4);
        Font small = g.getFont().deriveFont(Font.PLAIN, barH);
        g.setFont(small);
        int y = b.y();
        for (Emotion e : Emotion.values()) {
            int w = (int) Math.round(5 * unit * f.probabilities().get(e));
            g.setColor(new Color(0, 0, 0, 150));
            g.fillRect(barX, y, 8 * unit, barH + 2);
            g.setColor(colour(e));
            g.fillRect(barX + 3 * unit, y + 1, w, barH);
            g.setColor(Color.WHITE);
            g.drawString(e.label(), barX + 2, y + barH);
            y += barH + 3;
        }
        g.setFont(small.deriveFont(Font.BOLD, unit));
    }
}
