package dev.deepfer.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningCurvesPlotTest {

    @TempDir
    Path dir;

    @Test
    void drawsEachRunInItsOwnColourInBothPanels() throws Exception {
        List<LearningCurvesPlot.Run> runs = List.of(run("24 epochs", 24), run("48 epochs", 48), run("short", 6));
        Path png = dir.resolve("nested/learning.png");

        LearningCurvesPlot.write(runs, "schedules", png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(TrainingCurvesPlot.DEFAULT_WIDTH);
        int half = image.getWidth() / 2;
        for (int r = 0; r < runs.size(); r++) {
            int rgb = LearningCurvesPlot.colour(r).getRGB();
            assertThat(count(image, 0, half, rgb)).as("run %d, validation panel", r).isGreaterThan(50);
            assertThat(count(image, half, image.getWidth(), rgb)).as("run %d, training panel", r).isGreaterThan(50);
        }
        assertThat(count(image, 0, image.getWidth(), LearningCurvesPlot.colour(runs.size()).getRGB()))
                .as("no colour for a fourth run").isZero();
    }

    @Test
    void refusesNothingToPlot() {
        assertThatThrownBy(() -> LearningCurvesPlot.write(List.of(), "t", dir.resolve("x.png")))
                .hasMessageContaining("no runs");
        assertThatThrownBy(() -> new LearningCurvesPlot.Run("empty", List.of()))
                .hasMessageContaining("run 'empty' has no epochs");
    }

    private static LearningCurvesPlot.Run run(String name, int epochs) {
        List<EpochPoint> points = new ArrayList<>();
        for (int e = epochs; e >= 1; e--) {
            points.add(new EpochPoint(e, 2.0 / e, 0.3 + 0.5 * e / epochs, 1.5, 0.3 + 0.3 * e / epochs));
        }
        return new LearningCurvesPlot.Run(name, points);
    }

    private static int count(BufferedImage image, int fromX, int toX, int rgb) {
        int n = 0;
        for (int x = fromX; x < toX; x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                n += image.getRGB(x, y) == rgb ? 1 : 0;
            }
        }
        return n;
    }
}
