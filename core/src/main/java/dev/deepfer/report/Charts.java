package dev.deepfer.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * Shared Java2D plumbing of the plots: an anti-aliased white canvas, the house fonts and colours,
 * centred and rotated text, "nice" axis ticks and PNG output. Works headless: only
 * {@link BufferedImage}s are drawn, nothing touches the screen or global AWT state.
 */
final class Charts {

    static final Color INK = new Color(0x26, 0x26, 0x26);
    static final Color MUTED = new Color(0x59, 0x59, 0x59);
    static final Color GRID = new Color(0xE3, 0xE3, 0xE3);
    /** Categorical colours for series (the "tab10" palette). */
    private static final Color[] PALETTE = {
        new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0xD62728), new Color(0x9467BD),
        new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F), new Color(0xBCBD22), new Color(0x17BECF)
    };
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private Charts() {}

    /** The colour of the {@code index}-th series of a chart (ten distinct colours, then repeating). */
    static Color series(int index) {
        return PALETTE[index % PALETTE.length];
    }

    /** A white RGB canvas. */
    static BufferedImage canvas(int width, int height) {
        if (width < 100 || height < 100) {
            throw new IllegalArgumentException("plot too small: " + width + "x" + height);
        }
        return new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    }

    /** Graphics for {@code image} with anti-aliasing on and the background painted white. */
    static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        return g;
    }

    /** Writes {@code image} as PNG, creating parent directories ({@link PngFile#write}, atomic). */
    static void writePng(BufferedImage image, Path png) throws IOException {
        PngFile.write(image, png);
    }

    /**
     * A {@code width}x{@code height} PNG with {@code title} on top and two panels side by side below
     * it: {@code left} and {@code right} draw into the rectangle each is given.
     */
    static void writeSideBySide(Path png, int width, int height, String title,
            BiConsumer<Graphics2D, Rectangle> left, BiConsumer<Graphics2D, Rectangle> right) throws IOException {
        BufferedImage image = canvas(width, height);
        Graphics2D g = graphics(image);
        try {
            g.setColor(INK);
            g.setFont(fitting(g, TITLE, title, width - 20));
            drawCentred(g, title, width / 2.0, 24);
            int half = width / 2;
            left.accept(g, new Rectangle(0, 40, half, height - 40));
            right.accept(g, new Rectangle(half, 40, width - half, height - 40));
        } finally {
            g.dispose();
        }
        writePng(image, png);
    }

    /** Draws {@code text} centred horizontally and vertically on {@code (cx, cy)}. */
    /** {@code font}, or a smaller size of it (not under 9 points), so that {@code text} fits in {@code maxWidth}. */
    static Font fitting(Graphics2D g, Font font, String text, int maxWidth) {
        Font f = font;
        while (f.getSize2D() > 9 && g.getFontMetrics(f).stringWidth(text) > maxWidth) {
            f = f.deriveFont(f.getSize2D() - 1);
        }
        return f;
    }

    static void drawCentred(Graphics2D g, String text, double cx, double cy) {
        FontMetrics fm = g.getFontMetrics();
        float x = (float) (cx - fm.stringWidth(text) / 2.0);
        float y = (float) (cy + (fm.getAscent() - fm.getDescent()) / 2.0);
        g.drawString(text, x, y);
    }

    /** Draws {@code text} right-aligned at {@code right}, vertically centred on {@code cy}. */
    static void drawRightAligned(Graphics2D g, String text, double right, double cy) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, (float) (right - fm.stringWidth(text)),
                (float) (cy + (fm.getAscent() - fm.getDescent()) / 2.0));
    }

    /** Draws {@code text} centred on {@code (cx, cy)} and rotated a quarter turn anticlockwise. */
    static void drawVertical(Graphics2D g, String text, double cx, double cy) {
        AffineTransform saved = g.getTransform();
        g.translate(cx, cy);
        g.rotate(-Math.PI / 2);
        drawCentred(g, text, 0, 0);
        g.setTransform(saved);
    }

    /**
     * Round tick values covering {@code [min, max]} with about {@code target} intervals: steps of
     * 1, 2, 2.5 or 5 times a power of ten, at least {@code minStep} (1 for epochs, 0 for no
     * limit); the first and last tick enclose the range.
     */
    static List<Double> niceTicks(double min, double max, int target, double minStep) {
        if (!(max > min)) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double raw = (max - min) / target;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude * 10;
        for (double m : new double[] {1, 2, 2.5, 5}) {
            if (raw <= m * magnitude) {
                step = m * magnitude;
                break;
            }
        }
        step = Math.max(step, minStep);
        List<Double> ticks = new ArrayList<>();
        long first = (long) Math.floor(min / step + 1e-9);
        long last = (long) Math.ceil(max / step - 1e-9);
        for (long k = first; k <= last; k++) {
            ticks.add(k * step);
        }
        return ticks;
    }

    /** A tick label with no more decimals than the step needs. */
    static String formatTick(double value, double step) {
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        if (Math.abs(step * Math.pow(10, decimals) - Math.rint(step * Math.pow(10, decimals))) > 1e-6) {
            decimals++;
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
