package dev.deepfer.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress display: redrawn in place on a terminal, printed every few percent when the
 * output is a file (so nohup logs stay readable).
 */
public final class ProgressBar {
    private final PrintStream out;
    private final boolean interactive;
    private final String label;
    private final long total;
    private final String unit;
    private final long startNanos = System.nanoTime();
    private int lastPrintedPercent = -1;

    public ProgressBar(PrintStream out, String label, long total) {
        this(out, label, total, System.console() != null);
    }

    public ProgressBar(PrintStream out, String label, long total, boolean interactive) {
        this(out, label, total, interactive, "img/s");
    }

    /** A bar whose rate is shown in {@code unit} (e.g. {@code frames/s}). */
    public ProgressBar(PrintStream out, String label, long total, boolean interactive, String unit) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
        this.interactive = interactive;
        this.unit = unit;
    }

    /** Whether the bar redraws one terminal line (rather than printing a line per step). */
    public boolean interactive() {
        return interactive;
    }

    /** On a terminal, blanks the bar's line so other output can start at its beginning. */
    public void clearLine() {
        if (interactive) {
            out.print("\r\033[K");
            out.flush();
        }
    }

    /** Reports {@code done} of {@code total} with a free-text status (loss, accuracy …). */
    public void update(long done, long items, String status) {
        int percent = (int) (100 * done / total);
        if (!interactive && percent / 10 == lastPrintedPercent / 10 && done < total) {
            return;
        }
        lastPrintedPercent = percent;
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double rate = items / Math.max(seconds, 1e-9);
        double eta = done == 0 ? 0 : seconds * (total - done) / done;
        int width = 24;
        int filled = (int) (width * Math.min(done, total) / total);
        String bar = "#".repeat(filled) + "-".repeat(width - filled);
        String line = String.format(Locale.ROOT, "%s [%s] %3d%% %d/%d %s %.1f %s ETA %s", label, bar, percent,
                done, total, status, rate, unit, formatDuration(Math.max(0, eta)));
        if (interactive) {
            out.print("\r" + line + (done >= total ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    public static String formatDuration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
