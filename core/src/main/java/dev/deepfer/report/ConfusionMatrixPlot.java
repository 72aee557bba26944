package dev.deepfer.report;

import dev.deepfer.eval.ConfusionMatrix;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Confusion-matrix heat map as a PNG: rows are true classes, columns predictions, each cell
 * coloured by its row-normalised value (per-class recall on the diagonal) and annotated with the
 * percentage and the raw count, plus a colour bar. Row normalisation keeps rare classes (FER2013's
 * 55 disgust test faces) as visible as frequent ones.
 */
public final class ConfusionMatrixPlot {
    /** The fill of a row whose class has no images: grey, unlike any colour of the map. */
    static final Color NO_IMAGES = new Color(0xD0, 0xD0, 0xD0);


    /** Default edge length in pixels. */
    public static final int DEFAULT_SIZE = 700;

    private static final int LEFT = 110;
    private static final int RIGHT = 95;
    private static final int TOP = 70;
    private static final int BOTTOM = 70;
    private static final int BAR_GAP = 18;
    private static final int BAR_WIDTH = 16;

    private ConfusionMatrixPlot() {}

    /** Writes a {@value #DEFAULT_SIZE}x{@value #DEFAULT_SIZE} heat map of {@code cm} to {@code png}. */
    public static void write(ConfusionMatrix cm, String title, Path png) throws IOException {
        write(cm, title, png, DEFAULT_SIZE);
    }

    /** Writes a {@code size}x{@code size} heat map of {@code cm} to {@code png}. */
    public static void write(ConfusionMatrix cm, String title, Path png, int size) throws IOException {
        BufferedImage image = Charts.canvas(size, size);
        Graphics2D g = Charts.graphics(image);
        try {
            draw(g, cm, title, size);
        } finally {
            g.dispose();
        }
        Charts.writePng(image, png);
    }

    /** Where the grid goes: its top-left corner and cell edge, centred in the space left by the margins. */
    /** Space kept free on each side of the title. */
    private static final int TITLE_MARGIN = 10;

    private record Layout(int left, int top, int cell, int n) {
        static Layout of(int n, int size) {
            int width = size - LEFT - RIGHT;
            int height = size - TOP - BOTTOM;
            int cell = Math.min(width, height) / n;
            return new Layout(LEFT + (width - cell * n) / 2, TOP + (height - cell * n) / 2, cell, n);
        }

        int grid() {
            return cell * n;
        }

        Rectangle cell(int row, int col) {
            return new Rectangle(left + col * cell, top + row * cell, cell, cell);
        }
    }

    /** Pixel bounds of cell {@code (row, col)} of an {@code n}-class plot of edge {@code size}. */
    static Rectangle cellBounds(int n, int size, int row, int col) {
        return Layout.of(n, size).cell(row, col);
    }

    private static void draw(Graphics2D g, ConfusionMatrix cm, String title, int size) {
        int n = cm.size();
        Layout layout = Layout.of(n, size);
        int cell = layout.cell();
        int grid = layout.grid();
        int left = layout.left();
        int top = layout.top();
        double[][] fractions = cm.rowNormalised();
        List<String> labels = cm.labels();

        g.setColor(Charts.INK);
        g.setFont(Charts.fitting(g, Charts.TITLE, title, size - 2 * TITLE_MARGIN));
        Charts.drawCentred(g, title, size / 2.0, top - 32); // on the image, so a long title is not cut off

        Font countFont = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, cell / 6));
        Font percentFont = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(10, cell / 5));
        for (int a = 0; a < n; a++) {
            int rowCount = 0;
            for (int p = 0; p < n; p++) {
                rowCount += cm.count(a, p);
            }
            for (int p = 0; p < n; p++) {
                Rectangle r = layout.cell(a, p);
                if (rowCount == 0) { // a class with no test images (neutral on CK+): no recall to colour
                    g.setColor(NO_IMAGES);
                    g.fill(r);
                    g.setColor(Charts.INK);
                    g.setFont(countFont);
                    Charts.drawCentred(g, "n/a", r.getCenterX(), r.getCenterY());
                    continue;
                }
                double v = fractions[a][p];
                g.setColor(ColourMap.at(v));
                g.fill(r);
                g.setColor(ColourMap.textOn(v));
                g.setFont(percentFont);
                Charts.drawCentred(g, String.format(Locale.ROOT, "%.1f%%", 100 * v),
                        r.getCenterX(), r.getCenterY() - cell / 9.0);
                g.setFont(countFont);
                Charts.drawCentred(g, "n=" + cm.count(a, p), r.getCenterX(), r.getCenterY() + cell / 6.0);
            }
        }
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(1.5f));
        for (int i = 1; i < n; i++) {
            g.drawLine(left + i * cell, top, left + i * cell, top + grid);
            g.drawLine(left, top + i * cell, left + grid, top + i * cell);
        }
        g.setColor(Charts.MUTED);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(left, top, grid, grid);

        g.setFont(Charts.LABEL);
        g.setColor(Charts.INK);
        for (int i = 0; i < n; i++) {
            Charts.drawRightAligned(g, labels.get(i), left - 8, top + (i + 0.5) * cell);
            Charts.drawCentred(g, labels.get(i), left + (i + 0.5) * cell, top + grid + 16);
        }
        g.setFont(Charts.LABEL.deriveFont(Font.BOLD));
        Charts.drawCentred(g, "Predicted label", left + grid / 2.0, top + grid + 44);
        Charts.drawVertical(g, "True label", left - LEFT + 18, top + grid / 2.0);

        drawColourBar(g, left + grid + BAR_GAP, top, grid);
    }

    private static void drawColourBar(Graphics2D g, int x, int top, int height) {
        for (int y = 0; y < height; y++) {
            g.setColor(ColourMap.at(1 - (double) y / (height - 1)));
            g.fillRect(x, top + y, BAR_WIDTH, 1);
        }
        g.setColor(Charts.MUTED);
        g.drawRect(x, top, BAR_WIDTH, height);
        g.setFont(Charts.TICK);
        for (int pct = 0; pct <= 100; pct += 20) {
            int y = top + (int) Math.round((1 - pct / 100.0) * height);
            g.drawLine(x + BAR_WIDTH, y, x + BAR_WIDTH + 4, y);
            Charts.drawRightAligned(g, pct + "%", x + BAR_WIDTH + 40, y);
        }
        g.setFont(Charts.TICK);
        Charts.drawVertical(g, "fraction of true class", x + BAR_WIDTH + 56, top + height / 2.0);
    }
}
