package dev.deepfer.report;

import dev.deepfer.eval.Calibration;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reliability diagrams (Guo et al., 2017) as a PNG, one panel per set of bins side by side
 * (typically before and after temperature scaling): per confidence bin, a bar of the accuracy,
 * the gap to the bin's mean confidence shaded, the diagonal of perfect calibration dashed, the
 * ECE in the panel title. Empty bins are left blank.
 */
public final class ReliabilityDiagram {
    /** One panel: its title, the bins and the ECE to print. */
    public record Panel(String title, List<Calibration.Bin> bins, double ece) {
    }

    static final Color BAR = new Color(0x1F, 0x77, 0xB4);
    static final Color GAP = new Color(0xD6, 0x27, 0x28, 110);

    private static final int PANEL_WIDTH = 480;
    private static final int HEIGHT = 540;
    private static final int MARGIN = 64;
    private static final int TOP = 70;

    private ReliabilityDiagram() {
    }

    public static void write(List<Panel> panels, String title, Path png) throws IOException {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("no panel to draw");
        }
        BufferedImage image = Charts.canvas(PANEL_WIDTH * panels.size(), HEIGHT);
        Graphics2D g = Charts.graphics(image);
        try {
            g.setColor(Charts.INK);
            g.setFont(Charts.fitting(g, Charts.TITLE, title, image.getWidth() - 20));
            Charts.drawCentred(g, title, image.getWidth() / 2.0, 22);
            for (int i = 0; i < panels.size(); i++) {
                int side = Math.min(PANEL_WIDTH - 2 * MARGIN + 24, HEIGHT - TOP - MARGIN);
                draw(g, panels.get(i), new Rectangle(i * PANEL_WIDTH + MARGIN, TOP, side, side));
            }
            g.setColor(Charts.MUTED);
            g.setFont(Charts.TICK);
            Charts.drawCentred(g, "bars: accuracy per confidence bin; shaded: gap to the bin's mean confidence; "
                    + "dashed: perfect calibration", image.getWidth() / 2.0, HEIGHT - 12);
        } finally {
            g.dispose();
        }
        Charts.writePng(image, png);
    }

    private static void draw(Graphics2D g, Panel panel, Rectangle plot) {
        g.setFont(Charts.TICK);
        for (int k = 0; k <= 5; k++) {
            double v = k / 5.0;
            int px = (int) Math.round(plot.x + v * plot.width);
            int py = (int) Math.round(plot.y + plot.height - v * plot.height);
            g.setColor(Charts.GRID);
            g.drawLine(plot.x, py, plot.x + plot.width, py);
            g.drawLine(px, plot.y, px, plot.y + plot.height);
            g.setColor(Charts.MUTED);
            String label = String.format(Locale.ROOT, "%.1f", v);
            Charts.drawRightAligned(g, label, plot.x - 6, py);
            Charts.drawCentred(g, label, px, plot.y + plot.height + 14);
        }
        for (Calibration.Bin b : panel.bins()) {
            if (b.count() == 0) {
                continue;
            }
            double x0 = plot.x + b.lower() * plot.width;
            double w = (b.upper() - b.lower()) * plot.width;
            double yAcc = plot.y + plot.height - b.accuracy() * plot.height;
            double yConf = plot.y + plot.height - b.confidence() * plot.height;
            g.setColor(BAR);
            g.fill(new Rectangle2D.Double(x0, yAcc, w, plot.y + plot.height - yAcc));
            g.setColor(GAP);
            g.fill(new Rectangle2D.Double(x0, Math.min(yAcc, yConf), w, Math.abs(yAcc - yConf)));
            g.setColor(Color.WHITE);
            g.draw(new Rectangle2D.Double(x0, yAcc, w, plot.y + plot.height - yAcc));
        }
        g.setColor(Charts.INK);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        g.draw(new Line2D.Double(plot.x, plot.y + plot.height, plot.x + plot.width, plot.y));
        g.setStroke(new BasicStroke(1f));
        g.setColor(Charts.MUTED);
        g.draw(plot);
        g.setColor(Charts.INK);
        g.setFont(Charts.LABEL);
        Charts.drawCentred(g, "confidence (top probability)", plot.getCenterX(), plot.y + plot.height + 38);
        Charts.drawVertical(g, "accuracy", plot.x - 44, plot.getCenterY());
        Charts.drawCentred(g, String.format(Locale.ROOT, "%s — ECE %.2f%%", panel.title(), 100 * panel.ece()),
                plot.getCenterX(), plot.y - 16);
    }
}
