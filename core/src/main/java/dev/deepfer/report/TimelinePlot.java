package dev.deepfer.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Values over time as a PNG: one lane per subject (a tracked face of a video), stacked, each a
 * line chart of several named series on a 0-1 axis (the emotion probabilities). A series' value
 * may be {@code NaN} where it is unknown; the line breaks there.
 */
public final class TimelinePlot {
    /** Image width in pixels. */
    public static final int WIDTH = 1200;
    /** Height of one lane in pixels. */
    public static final int LANE_HEIGHT = 300;

    private static final int TITLE_HEIGHT = 40;

    private TimelinePlot() {
    }

    /** One series of a lane: {@code y} has one value per x of the lane. */
    public record Line(String name, Color colour, double[] y) {
    }

    /** One chart: its title, shared x values (e.g. seconds) and lines. */
    public record Lane(String title, double[] x, List<Line> lines) {
        /** Checks that every line has a value per x. */
        public Lane {
            lines = List.copyOf(lines);
            for (Line l : lines) {
                if (l.y().length != x.length) {
                    throw new IllegalArgumentException("line " + l.name() + " has " + l.y().length + " values for "
                            + x.length + " x values");
                }
            }
        }
    }

    /** Writes the lanes one under another, probabilities on a fixed 0-1 axis, to {@code png}. */
    public static void write(List<Lane> lanes, String title, String xLabel, String yLabel, Path png)
            throws IOException {
        if (lanes.isEmpty()) {
            throw new IllegalArgumentException("no lanes to plot");
        }
        BufferedImage image = Charts.canvas(WIDTH, TITLE_HEIGHT + LANE_HEIGHT * lanes.size());
        Graphics2D g = Charts.graphics(image);
        try {
            g.setColor(Charts.INK);
            g.setFont(Charts.TITLE);
            Charts.drawCentred(g, title, WIDTH / 2.0, 24);
            for (int i = 0; i < lanes.size(); i++) {
                Lane lane = lanes.get(i);
                List<LinePanel.Series> series = lane.lines().stream()
                        .map(l -> new LinePanel.Series(l.name(), l.colour(), lane.x(), l.y())).toList();
                new LinePanel(lane.title(), xLabel, yLabel).withYRange(0, 1).draw(g,
                        new Rectangle(0, TITLE_HEIGHT + i * LANE_HEIGHT, WIDTH, LANE_HEIGHT), series, List.of());
            }
        } finally {
            g.dispose();
        }
        Charts.writePng(image, png);
    }
}
