package dev.deepfer.eval;

import dev.deepfer.eval.corrupt.Corruption;

import java.util.List;
import java.util.Locale;

/** The Markdown tables of a {@link RobustnessReport}; accuracies and errors in percent. */
final class RobustnessTables {
    private RobustnessTables() {
    }

    static String markdown(RobustnessReport r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s, n = %d, corruption seed %d; mCE relative to %s%n%n",
                r.data(), r.n(), r.seed(), r.baseline()));
        out.append("| model | clean | mCA | relative drop | mCE | relative mCE |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (RobustnessReport.ModelAccuracy m : r.models()) {
            out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.1f%% | %s | %s |%n", m.name(),
                    100 * m.clean(), 100 * m.meanCorruptionAccuracy(), 100 * m.relativeDrop(),
                    percent(r.meanCorruptionError(m.name())), percent(r.relativeMeanCorruptionError(m.name()))));
        }
        out.append("\nMean accuracy over the five severities (clean accuracy in the first row):\n\n");
        familyTable(r, out);
        for (RobustnessReport.ModelAccuracy m : r.models()) {
            out.append("\n").append(m.name()).append(", accuracy by severity:\n\n");
            severityTable(m, r.corruptions(), out);
        }
        return out.toString();
    }

    /** {@code 100 v} to one decimal, or "n/a" for an undefined ratio. */
    private static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", 100 * v) : "n/a";
    }

    private static void familyTable(RobustnessReport r, StringBuilder out) {
        out.append("| corruption |");
        r.models().forEach(m -> out.append(' ').append(m.name()).append(" |"));
        out.append("\n| --- |").append(" ---: |".repeat(r.models().size())).append('\n');
        out.append("| clean |");
        r.models().forEach(m -> out.append(String.format(Locale.ROOT, " %.2f |", 100 * m.clean())));
        out.append('\n');
        for (Corruption c : r.corruptions()) {
            out.append("| ").append(c.label()).append(" |");
            double best = r.models().stream().mapToDouble(m -> m.familyMean(c)).max().orElseThrow();
            for (RobustnessReport.ModelAccuracy m : r.models()) {
                String v = String.format(Locale.ROOT, "%.2f", 100 * m.familyMean(c));
                out.append(' ').append(m.familyMean(c) == best && r.models().size() > 1 ? "**" + v + "**" : v)
                        .append(" |");
            }
            out.append('\n');
        }
    }

    private static void severityTable(RobustnessReport.ModelAccuracy m, List<Corruption> corruptions,
                                      StringBuilder out) {
        out.append("| corruption | 1 | 2 | 3 | 4 | 5 | mean |\n| --- |").append(" ---: |".repeat(6)).append('\n');
        for (Corruption c : corruptions) {
            out.append("| ").append(c.label()).append(" |");
            for (int s = 1; s <= Corruption.SEVERITIES; s++) {
                out.append(String.format(Locale.ROOT, " %.2f |", 100 * m.accuracy(c, s)));
            }
            out.append(String.format(Locale.ROOT, " %.2f |%n", 100 * m.familyMean(c)));
        }
    }
}
