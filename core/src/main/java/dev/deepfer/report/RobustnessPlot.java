package dev.deepfer.report;

import dev.deepfer.eval.RobustnessReport;
import dev.deepfer.eval.corrupt.Corruption;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * The corruption benchmark as a PNG of small multiples: one panel per corruption family and one
 * for the mean over families, accuracy (%) against severity (0 = clean), one line per model, and
 * one legend for all panels under the title (a legend in each panel hid the lines once an ensemble
 * and its members made nine).
 */
public final class RobustnessPlot {
    static final int COLUMNS = 4;
    static final int PANEL_WIDTH = 400;
    static final int PANEL_HEIGHT = 300;
    static final int TITLE_HEIGHT = 40;

    private RobustnessPlot() {
    }

    public static void write(RobustnessReport report, String title, Path png) throws IOException {
        List<Corruption> families = report.corruptions();
        int panels = families.size() + 1;
        int rows = (panels + COLUMNS - 1) / COLUMNS;
        int keyHeight = LinePanel.keyHeight(report.models().size(), COLUMNS) + 8;
        BufferedImage image = Charts.canvas(COLUMNS * PANEL_WIDTH, TITLE_HEIGHT + keyHeight + rows * PANEL_HEIGHT);
        Graphics2D g = Charts.graphics(image);
        try {
            g.setColor(Charts.INK);
            g.setFont(Charts.fitting(g, Charts.TITLE, title, image.getWidth() - 20));
            Charts.drawCentred(g, title, image.getWidth() / 2.0, 22);
            LinePanel.drawKey(g, new Rectangle(0, TITLE_HEIGHT, image.getWidth(), keyHeight),
                    series(report, null), COLUMNS);
            for (int p = 0; p < panels; p++) {
                Rectangle area = new Rectangle((p % COLUMNS) * PANEL_WIDTH,
                        TITLE_HEIGHT + keyHeight + (p / COLUMNS) * PANEL_HEIGHT, PANEL_WIDTH, PANEL_HEIGHT);
                Corruption c = p < families.size() ? families.get(p) : null;
                String name = c == null ? "mean over corruptions" : c.label();
                new LinePanel(name, "severity", "accuracy (%)").withoutLegend()
                        .draw(g, area, series(report, c), List.of());
            }
        } finally {
            g.dispose();
        }
        Charts.writePng(image, png);
    }

    /** One line per model for family {@code c}, or for the mean over families when {@code c} is null. */
    private static List<LinePanel.Series> series(RobustnessReport report, Corruption c) {
        List<LinePanel.Series> out = new ArrayList<>();
        List<RobustnessReport.ModelAccuracy> models = report.models();
        for (int m = 0; m < models.size(); m++) {
            RobustnessReport.ModelAccuracy model = models.get(m);
            IntToDoubleFunction at = c != null ? s -> model.accuracy(c, s)
                    : s -> report.corruptions().stream().mapToDouble(f -> model.accuracy(f, s)).average().orElseThrow();
            double[] x = new double[Corruption.SEVERITIES + 1];
            double[] y = new double[x.length];
            y[0] = 100 * model.clean();
            for (int s = 1; s <= Corruption.SEVERITIES; s++) {
                x[s] = s;
                y[s] = 100 * at.applyAsDouble(s);
            }
            out.add(new LinePanel.Series(model.name(), Charts.series(m), x, y));
        }
        return out;
    }
}
