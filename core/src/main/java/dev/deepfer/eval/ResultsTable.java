package dev.deepfer.eval;

import dev.deepfer.data.Emotion;

import java.util.List;
import java.util.Locale;

/**
 * Several reports as one Markdown table in the shape of a paper's results table: one row per
 * model, accuracy, macro-F1 and per-class F1, in percent.
 */
public final class ResultsTable {
    private ResultsTable() {
    }

    /** @param rows (row label, report) pairs */
    public static String markdown(List<Row> rows) {
        StringBuilder out = new StringBuilder("| model | n | accuracy | macro-F1 |");
        for (Emotion e : Emotion.values()) {
            out.append(" F1 ").append(e.label()).append(" |");
        }
        out.append("\n| --- | ---: | ---: | ---: |");
        out.append(" ---: |".repeat(Emotion.COUNT)).append('\n');
        for (Row r : rows) {
            EvaluationReport rep = r.report();
            out.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f |", r.label(), rep.n(), 100 * rep.accuracy(),
                    100 * rep.macroF1()));
            for (Emotion e : Emotion.values()) {
                out.append(String.format(Locale.ROOT, " %.1f |", 100 * rep.perClass().get(e).f1()));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** One table row. */
    public record Row(String label, EvaluationReport report) {
    }
}
