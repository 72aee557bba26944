package dev.deepfer.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One x-y line chart inside a rectangle of a larger image: frame, grid, ticks, axis labels, title,
 * series as lines with markers, a legend and optional vertical markers. Non-finite y values break
 * the line.
 */
final class LinePanel {

    /** A named line; {@code x} and {@code y} have equal length. */
    record Series(String name, Color colour, double[] x, double[] y) {}

    /** A dashed vertical line at {@code x} with a short caption. */
    record Marker(double x, String caption) {}

    static final int PAD_LEFT = 64;
    static final int PAD_RIGHT = 16;
    static final int PAD_TOP = 34;
    static final int PAD_BOTTOM = 52;
    private static final int TRACE_STEPS = 12;
    private static final int KEY_ROW_HEIGHT = 20;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final double fixedYMin;
    private final double fixedYMax;
    private final boolean legend;

    LinePanel(String title, String xLabel, String yLabel) {
        this(title, xLabel, yLabel, Double.NaN, Double.NaN, true);
    }

    private LinePanel(String title, String xLabel, String yLabel, double fixedYMin, double fixedYMax,
            boolean legend) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.fixedYMin = fixedYMin;
        this.fixedYMax = fixedYMax;
        this.legend = legend;
    }

    /** This panel with the y axis fixed to {@code [min, max]} instead of fitted to the data. */
    LinePanel withYRange(double min, double max) {
        return new LinePanel(title, xLabel, yLabel, min, max, legend);
    }

    /** This panel without its own legend, for small multiples that share one ({@link #drawKey}). */
    LinePanel withoutLegend() {
        return new LinePanel(title, xLabel, yLabel, fixedYMin, fixedYMax, false);
    }

    /**
     * One legend for several panels: the series' names in rows of {@code columns} across
     * {@code area}, each after a short line in its colour.
     */
    static void drawKey(Graphics2D g, Rectangle area, List<Series> series, int columns) {
        g.setFont(Charts.TICK);
        FontMetrics fm = g.getFontMetrics();
        int cellWidth = area.width / columns;
        for (int i = 0; i < series.size(); i++) {
            drawKeyEntry(g, fm, series.get(i), area.x + 24 + (i % columns) * cellWidth,
                    area.y + KEY_ROW_HEIGHT * (i / columns) + KEY_ROW_HEIGHT / 2);
        }
    }

    /** A short line in the series' colour at {@code (left, cy)}, then its name. */
    private static void drawKeyEntry(Graphics2D g, FontMetrics fm, Series s, int left, int cy) {
        g.setColor(s.colour());
        g.setStroke(new BasicStroke(2.2f));
        g.drawLine(left, cy, left + 18, cy);
        g.setStroke(new BasicStroke(1f));
        g.setColor(Charts.INK);
        g.drawString(s.name(), left + 23, cy + (fm.getAscent() - fm.getDescent()) / 2);
    }

    /** Height {@link #drawKey} needs for {@code count} series in rows of {@code columns}. */
    static int keyHeight(int count, int columns) {
        return KEY_ROW_HEIGHT * ((count + columns - 1) / columns);
    }

    void draw(Graphics2D g, Rectangle area, List<Series> series, List<Marker> markers) {
        Rectangle plot = new Rectangle(area.x + PAD_LEFT, area.y + PAD_TOP,
                area.width - PAD_LEFT - PAD_RIGHT, area.height - PAD_TOP - PAD_BOTTOM);
        List<Double> xTicks = Charts.niceTicks(min(series, true), max(series, true), 8, 1);
        List<Double> yTicks;
        if (Double.isFinite(fixedYMin) && Double.isFinite(fixedYMax)) {
            yTicks = Charts.niceTicks(fixedYMin, fixedYMax, 5, 0);
        } else {
            double yMin = min(series, false);
            double yMax = max(series, false);
            double yPad = 0.03 * (yMax - yMin);
            yTicks = Charts.niceTicks(yMin - yPad, yMax + yPad, 6, 0);
        }
        Axis x = new Axis(xTicks, plot.x, plot.x + plot.width);
        Axis y = new Axis(yTicks, plot.y + plot.height, plot.y);

        g.setFont(Charts.TICK);
        for (double t : yTicks) {
            int py = (int) Math.round(y.pixel(t));
            g.setColor(Charts.GRID);
            g.drawLine(plot.x, py, plot.x + plot.width, py);
            g.setColor(Charts.MUTED);
            Charts.drawRightAligned(g, Charts.formatTick(t, y.step()), plot.x - 8, py);
        }
        for (double t : xTicks) {
            int px = (int) Math.round(x.pixel(t));
            g.setColor(Charts.GRID);
            g.drawLine(px, plot.y, px, plot.y + plot.height);
            g.setColor(Charts.MUTED);
            Charts.drawCentred(g, Charts.formatTick(t, x.step()), px, plot.y + plot.height + 14);
        }
        g.setColor(Charts.MUTED);
        g.draw(plot);

        g.setColor(Charts.INK);
        g.setFont(Charts.LABEL);
        Charts.drawCentred(g, xLabel, plot.getCenterX(), plot.y + plot.height + 38);
        Charts.drawVertical(g, yLabel, area.x + 14, plot.getCenterY());
        g.setFont(Charts.LABEL.deriveFont(Font.BOLD));
        Charts.drawCentred(g, title, plot.getCenterX(), area.y + PAD_TOP / 2.0);

        List<Rectangle> captions = drawMarkers(g, markers, x, plot);
        for (Series s : series) {
            drawSeries(g, s, x, y);
        }
        if (legend) {
            drawLegend(g, series, plot, trace(series, x, y), captions);
        }
    }

    private static void drawSeries(Graphics2D g, Series s, Axis x, Axis y) {
        g.setColor(s.colour());
        g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D.Double line = new Path2D.Double();
        boolean penDown = false;
        for (int i = 0; i < s.x().length; i++) {
            if (!Double.isFinite(s.y()[i])) {
                penDown = false;
                continue;
            }
            double px = x.pixel(s.x()[i]);
            double py = y.pixel(s.y()[i]);
            if (penDown) {
                line.lineTo(px, py);
            } else {
                line.moveTo(px, py);
                penDown = true;
            }
        }
        g.draw(line);
        if (s.x().length <= 40) {
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.y()[i])) {
                    g.fill(new Ellipse2D.Double(x.pixel(s.x()[i]) - 3, y.pixel(s.y()[i]) - 3, 6, 6));
                }
            }
        }
        g.setStroke(new BasicStroke(1f));
    }

    /** Draws the markers and returns the bounds of their captions. */
    private static List<Rectangle> drawMarkers(Graphics2D g, List<Marker> markers, Axis x, Rectangle plot) {
        List<Rectangle> captions = new ArrayList<>();
        Stroke dashed = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                new float[] {5, 4}, 0);
        g.setFont(Charts.TICK);
        for (Marker m : markers) {
            int px = (int) Math.round(x.pixel(m.x()));
            g.setColor(Charts.MUTED);
            g.setStroke(dashed);
            g.drawLine(px, plot.y, px, plot.y + plot.height);
            g.setStroke(new BasicStroke(1f));
            int width = g.getFontMetrics().stringWidth(m.caption());
            int tx = px + width + 6 > plot.x + plot.width ? px - width - 4 : px + 4;
            int baseline = plot.y + plot.height - 8;
            g.drawString(m.caption(), tx, baseline);
            FontMetrics fm = g.getFontMetrics();
            captions.add(new Rectangle(tx, baseline - fm.getAscent(), width, fm.getHeight()));
        }
        return captions;
    }

    /**
     * Draws the legend in the corner of the plot that hides the fewest points of {@code trace},
     * never over a marker caption unless every corner would be.
     */
    private static void drawLegend(Graphics2D g, List<Series> series, Rectangle plot,
            List<Point2D> trace, List<Rectangle> captions) {
        g.setFont(Charts.TICK);
        FontMetrics fm = g.getFontMetrics();
        int rowHeight = fm.getHeight() + 2;
        int width = 36 + series.stream().mapToInt(s -> fm.stringWidth(s.name())).max().orElse(0);
        int height = rowHeight * series.size() + 8;
        Rectangle box = null;
        long hidden = Long.MAX_VALUE;
        for (int[] corner : new int[][] {{1, 0}, {1, 1}, {0, 0}, {0, 1}}) {
            Rectangle candidate = new Rectangle(
                    corner[0] == 1 ? plot.x + plot.width - width - 10 : plot.x + 10,
                    corner[1] == 1 ? plot.y + plot.height - height - 10 : plot.y + 10, width, height);
            long covered = trace.stream().filter(candidate::contains).count()
                    + (captions.stream().anyMatch(candidate::intersects) ? trace.size() + 1 : 0);
            if (covered < hidden) {
                box = candidate;
                hidden = covered;
            }
        }
        int left = box.x;
        int top = box.y;
        g.setColor(new Color(255, 255, 255, 225));
        g.fillRoundRect(left, top, width, height, 6, 6);
        g.setColor(Charts.GRID.darker());
        g.drawRoundRect(left, top, width, height, 6, 6);
        for (int i = 0; i < series.size(); i++) {
            drawKeyEntry(g, fm, series.get(i), left + 8, top + 4 + rowHeight * i + rowHeight / 2);
        }
    }

    /** Pixel positions along every series' line, sampled densely enough to test for overlap. */
    private static List<Point2D> trace(List<Series> series, Axis x, Axis y) {
        List<Point2D> points = new ArrayList<>();
        for (Series s : series) {
            for (int i = 0; i + 1 < s.x().length; i++) {
                if (!Double.isFinite(s.y()[i]) || !Double.isFinite(s.y()[i + 1])) {
                    continue;
                }
                for (int k = 0; k <= TRACE_STEPS; k++) {
                    double t = (double) k / TRACE_STEPS;
                    points.add(new Point2D.Double(
                            x.pixel(s.x()[i] + t * (s.x()[i + 1] - s.x()[i])),
                            y.pixel(s.y()[i] + t * (s.y()[i + 1] - s.y()[i]))));
                }
            }
        }
        return points;
    }

    private static double min(List<Series> series, boolean xs) {
        return series.stream().flatMapToDouble(s -> Arrays.stream(xs ? s.x() : s.y()))
                .filter(Double::isFinite).min().orElse(0);
    }

    private static double max(List<Series> series, boolean xs) {
        return series.stream().flatMapToDouble(s -> Arrays.stream(xs ? s.x() : s.y()))
                .filter(Double::isFinite).max().orElse(1);
    }

    /** Linear map from the tick range onto a pixel range. */
    private record Axis(List<Double> ticks, double fromPixel, double toPixel) {
        double pixel(double value) {
            double lo = ticks.get(0);
            double hi = ticks.get(ticks.size() - 1);
            return fromPixel + (value - lo) / (hi - lo) * (toPixel - fromPixel);
        }

        double step() {
            return ticks.size() > 1 ? ticks.get(1) - ticks.get(0) : 1;
        }
    }
}
