package dev.deepfer.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the bar prints to a log file for a known total, an unknown one and one that was too low. */
class ProgressBarTest {
    private static List<String> lines(ByteArrayOutputStream bytes) {
        return Arrays.stream(bytes.toString(StandardCharsets.UTF_8).split("\n")).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void aKnownTotalPrintsEveryTenPercentInAFile() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "video", 1000, false,
                "frames/s");
        for (int i = 1; i <= 1000; i++) {
            bar.update(i, i, "1 face(s)");
        }
        List<String> lines = lines(bytes);
        assertThat(lines).hasSize(10);
        assertThat(lines.get(0)).startsWith("video [##").contains(" 10% 100/1000 1 face(s)", "frames/s", "ETA");
        assertThat(lines.get(9)).contains("100% 1000/1000");
    }

    /** Unknown (0) or exceeded totals: a line with the count, the first at once, then at most every 30 s. */
    @Test
    void anUnknownOrExceededTotalPrintsTheCountAndDoesNotFloodAFile() {
        for (long total : new long[] {0, 10}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "video", total,
                    false, "frames/s");
            for (int i = 1; i <= 5000; i++) {
                bar.update(i, i, "1 face(s)");
            }
            List<String> lines = lines(bytes);
            // known total 10: one line per 10% up to 10/10, then the open-ended line at frame 11
            assertThat(lines).as("total " + total).hasSize(total == 0 ? 1 : 11);
            String last = lines.get(lines.size() - 1);
            assertThat(last).isEqualTo(last.replace("%", "")).doesNotContain("ETA")
                    .startsWith(total == 0 ? "video 1 1 face(s)" : "video 11 1 face(s)").endsWith("frames/s");
        }
    }
}
