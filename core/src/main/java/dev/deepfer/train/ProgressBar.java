package dev.deepfer.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress display: redrawn in place on a terminal, printed every few percent when the
 * output is a file (so nohup logs stay readable). When the total is unknown (0 or less: a video
 * whose header has no frame count) or turns out too low, it shows the count and the rate only, at
 * most every {@value #OPEN_ENDED_TERMINAL_MILLIS} ms on a terminal and every
 * {@value #OPEN_ENDED_FILE_SECONDS} s in a file.
 */
public final class ProgressBar {
    static final long OPEN_ENDED_TERMINAL_MILLIS = 200;
    static final long OPEN_ENDED_FILE_SECONDS = 30;

    private final PrintStream out;
    private final boolean interactive;
    private final String label;
    private final long total;
    private final boolean known;
    private final String unit;
    private final long startNanos = System.nanoTime();
    private int lastPrintedPercent = -1;
    private long lastOpenEndedNanos;
    private boolean openEndedShown;

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
        this.known = total > 0;
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
        if (!known || done > total) {
            openEnded(done, items, status);
            return;
        }
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

    /** The count and the rate, without percent or ETA, rate-limited. */
    private void openEnded(long done, long items, String status) {
        long now = System.nanoTime();
        long gap = interactive ? OPEN_ENDED_TERMINAL_MILLIS * 1_000_000 : OPEN_ENDED_FILE_SECONDS * 1_000_000_000;
        if (openEndedShown && now - lastOpenEndedNanos < gap) {
            return;
        }
        openEndedShown = true;
        lastOpenEndedNanos = now;
        double seconds = (now - startNanos) / 1e9;
        String line = String.format(Locale.ROOT, "%s %d %s %.1f %s", label, done, status,
                items / Math.max(seconds, 1e-9), unit);
        if (interactive) {
            out.print("\r" + line + "\033[K");
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
