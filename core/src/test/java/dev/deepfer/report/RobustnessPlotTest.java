package dev.deepfer.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deepfer.eval.RobustnessReport;
import dev.deepfer.eval.corrupt.Corruption;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nine models (an ensemble of seven, plus a baseline) share one legend instead of one per panel. */
class RobustnessPlotTest {

    @TempDir
    Path dir;

    @Test
    void nineModelsShareOneKeyUnderTheTitleAndThePanelsHaveNoLegendBox() throws Exception {
        List<RobustnessReport.ModelAccuracy> models = new ArrayList<>();
        for (int m = 0; m < 9; m++) {
            double a = 0.5 + 0.02 * m;
            models.add(new RobustnessReport.ModelAccuracy("model-" + m, a + 0.1, Map.of(
                    Corruption.JPEG, new double[] {a, a - 0.05, a - 0.1, a - 0.15, a - 0.2},
                    Corruption.ROTATION, new double[] {a, a, a - 0.1, a - 0.1, a - 0.3})));
        }
        RobustnessReport report = new RobustnessReport("t.csv:PrivateTest", 10, 1, "model-0", models);
        Path png = dir.resolve("rob.png");

        RobustnessPlot.write(report, "nine", png);

        BufferedImage image = ImageIO.read(png.toFile());
        int keyTop = RobustnessPlot.TITLE_HEIGHT;
        int keyBottom = keyTop + LinePanel.keyHeight(9, RobustnessPlot.COLUMNS) + 8;
        assertThat(image.getHeight()).as("title, a three-row key, one row of three panels")
                .isEqualTo(keyBottom + RobustnessPlot.PANEL_HEIGHT);
        for (int m = 0; m < 9; m++) {
            int rgb = Charts.series(m).getRGB();
            assertThat(count(image, keyTop, keyBottom, rgb)).as("model %d in the key", m).isGreaterThan(10);
            assertThat(count(image, keyBottom, image.getHeight(), rgb)).as("model %d's lines", m).isGreaterThan(50);
        }
        for (int p = 0; p < 3; p++) {
            // inside a plot frame only a legend's names would be drawn in ink
            int left = p * RobustnessPlot.PANEL_WIDTH + LinePanel.PAD_LEFT + 2;
            int right = (p + 1) * RobustnessPlot.PANEL_WIDTH - LinePanel.PAD_RIGHT - 2;
            int top = keyBottom + LinePanel.PAD_TOP + 2;
            int bottom = keyBottom + RobustnessPlot.PANEL_HEIGHT - LinePanel.PAD_BOTTOM - 2;
            assertThat(count(image, left, right, top, bottom, Charts.INK.getRGB()))
                    .as("legend text inside panel %d", p).isZero();
        }
    }

    private static int count(BufferedImage image, int fromY, int toY, int rgb) {
        return count(image, 0, image.getWidth(), fromY, toY, rgb);
    }

    private static int count(BufferedImage image, int fromX, int toX, int fromY, int toY, int rgb) {
        int n = 0;
        for (int y = fromY; y < toY; y++) {
            for (int x = fromX; x < toX; x++) {
                if (image.getRGB(x, y) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
