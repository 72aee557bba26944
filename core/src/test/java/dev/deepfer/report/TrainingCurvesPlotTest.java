package dev.deepfer.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCurvesPlotTest {

    @TempDir
    Path dir;

    @Test
    void readsEpochLinesOnly() throws Exception {
        Path log = dir.resolve("metrics.jsonl");
        Files.writeString(log, String.join("\n",
                "{\"type\": \"config\", \"seed\": 1}",
                "{\"type\": \"epoch\", \"epoch\": 2, \"train_loss\": 1.1, \"train_accuracy\": 0.5,"
                        + " \"val_loss\": 1.3, \"val_accuracy\": 0.45, \"lr\": 0.001}",
                "",
                "{\"epoch\": 1, \"train_loss\": 1.5, \"train_accuracy\": 0.4, \"val_loss\": NaN,"
                        + " \"val_accuracy\": null}",
                "{\"type\": \"batch\", \"step\": 10}",
                "{\"type\": \"epoch\", \"epoch\": 2, \"train_loss\": 1.0, \"train_accuracy\": 0.55,"
                        + " \"val_loss\": 1.2, \"val_accuracy\": 0.5}"));
        List<EpochPoint> points = TrainingCurvesPlot.readJsonl(log);
        assertThat(points).hasSize(2);
        assertThat(points.get(0).epoch()).isEqualTo(1);
        assertThat(points.get(0).valLoss()).isNaN();
        assertThat(points.get(0).valAccuracy()).isNaN();
        assertThat(points.get(1)).as("a resumed epoch keeps the later line")
                .isEqualTo(new EpochPoint(2, 1.0, 0.55, 1.2, 0.5));
    }

    @Test
    void malformedLinesNameFileAndLine() throws Exception {
        Path log = dir.resolve("bad.jsonl");
        Files.writeString(log, "{\"epoch\": 1, \"train_loss\": 1}\n");
        assertThatThrownBy(() -> TrainingCurvesPlot.readJsonl(log))
                .hasMessageContaining("bad.jsonl:1: missing key 'train_accuracy'");
        Files.writeString(log, "\n{not json\n");
        assertThatThrownBy(() -> TrainingCurvesPlot.readJsonl(log)).hasMessageContaining("bad.jsonl:2: not JSON");
    }

    @Test
    void writesTwoPanelPngWithBothSeries() throws Exception {
        List<EpochPoint> points = new ArrayList<>();
        for (int e = 1; e <= 20; e++) {
            points.add(new EpochPoint(e, 2.0 / e, 0.3 + 0.03 * e, 2.2 / Math.sqrt(e), 0.3 + 0.02 * e));
        }
        Path png = dir.resolve("curves/curves.png");
        TrainingCurvesPlot.write(points, "synthetic run", png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(TrainingCurvesPlot.DEFAULT_WIDTH);
        assertThat(image.getHeight()).isEqualTo(TrainingCurvesPlot.DEFAULT_HEIGHT);
        int half = image.getWidth() / 2;
        for (int[] panel : new int[][] {{0, half}, {half, image.getWidth()}}) {
            assertThat(countColour(image, panel, TrainingCurvesPlot.TRAIN.getRGB())).isGreaterThan(100);
            assertThat(countColour(image, panel, TrainingCurvesPlot.VALIDATION.getRGB())).isGreaterThan(100);
        }
    }

    @Test
    void rejectsAnEmptyRun() {
        assertThatThrownBy(() -> TrainingCurvesPlot.write(List.of(), "t", dir.resolve("x.png")))
                .hasMessageContaining("no epochs");
    }

    private static int countColour(BufferedImage image, int[] columns, int rgb) {
        int count = 0;
        for (int x = columns[0]; x < columns[1]; x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                count += image.getRGB(x, y) == rgb ? 1 : 0;
            }
        }
        return count;
    }
}
