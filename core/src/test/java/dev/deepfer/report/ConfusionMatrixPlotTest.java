package dev.deepfer.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deepfer.eval.ConfusionMatrix;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfusionMatrixPlotTest {

    @TempDir
    Path dir;

    @Test
    void diagonalMatrixIsHotOnTheDiagonalAndColdElsewhere() throws Exception {
        ConfusionMatrix cm = new ConfusionMatrix();
        for (int c = 0; c < cm.size(); c++) {
            for (int k = 0; k < 10; k++) {
                cm.add(c, c);
            }
        }
        Path png = dir.resolve("plots/confusion.png");
        ConfusionMatrixPlot.write(cm, "diagonal", png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(700);
        assertThat(image.getHeight()).isEqualTo(700);
        for (int r = 0; r < cm.size(); r++) {
            for (int p = 0; p < cm.size(); p++) {
                Color expected = r == p ? ColourMap.HOT : ColourMap.COLD;
                assertThat(besideText(image, ConfusionMatrixPlot.cellBounds(cm.size(), 700, r, p)))
                        .as("cell %d,%d", r, p).isEqualTo(expected);
            }
        }
    }

    @Test
    void partialRowsShadeByRowFractionAtAnySize() throws Exception {
        ConfusionMatrix cm = new ConfusionMatrix(3);
        cm.addAll(new int[] {0, 0, 0, 0, 1, 2}, new int[] {0, 0, 0, 1, 1, 2});
        Path png = dir.resolve("three.png");
        ConfusionMatrixPlot.write(cm, "three classes", png, 400);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(400);
        assertThat(besideText(image, ConfusionMatrixPlot.cellBounds(3, 400, 0, 0))).isEqualTo(ColourMap.at(0.75));
        assertThat(besideText(image, ConfusionMatrixPlot.cellBounds(3, 400, 0, 1))).isEqualTo(ColourMap.at(0.25));
        assertThat(Files.size(png)).isGreaterThan(1000);
    }

    /** A class without images (neutral on CK+) is a grey "n/a" row, not a row of 0% recall. */
    /**
     * A title as long as the results command's ("fer2013-ensemble-v10 (ensemble) on PrivateTest (n=…,
     * accuracy …)") is drawn smaller, whole: no ink in the image's outer 5 pixels beside it.
     */
    @Test
    void aLongTitleFitsTheImage() throws Exception {
        ConfusionMatrix cm = new ConfusionMatrix();
        cm.addAll(new int[] {0, 1, 2}, new int[] {0, 1, 2});
        Path png = dir.resolve("long-title.png");
        ConfusionMatrixPlot.write(cm, "fer2013-ensemble-v10 (ensemble) on PrivateTest (n=3589, accuracy 70.52%, "
                + "macro-F1 68.93%)", png);
        BufferedImage image = ImageIO.read(png.toFile());
        int inkAtEdges = 0;
        int inkInBand = 0;
        for (int y = 0; y < ConfusionMatrixPlot.cellBounds(7, 700, 0, 0).y; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                boolean ink = (image.getRGB(x, y) & 0xff) < 128;
                inkInBand += ink ? 1 : 0;
                inkAtEdges += ink && (x < 5 || x >= image.getWidth() - 5) ? 1 : 0;
            }
        }
        assertThat(inkInBand).as("the title is drawn").isGreaterThan(500);
        assertThat(inkAtEdges).as("nothing cut off at the sides").isZero();
    }

    @Test
    void aRowWithoutImagesIsGreyNotZeroRecall() throws Exception {
        ConfusionMatrix cm = new ConfusionMatrix(3);
        cm.addAll(new int[] {0, 1, 1}, new int[] {0, 1, 0});
        Path png = dir.resolve("empty-row.png");
        ConfusionMatrixPlot.write(cm, "no class 2", png, 400);

        BufferedImage image = ImageIO.read(png.toFile());
        for (int p = 0; p < 3; p++) {
            assertThat(besideText(image, ConfusionMatrixPlot.cellBounds(3, 400, 2, p)))
                    .isEqualTo(ConfusionMatrixPlot.NO_IMAGES).isNotEqualTo(ColourMap.COLD);
        }
        assertThat(besideText(image, ConfusionMatrixPlot.cellBounds(3, 400, 1, 2))).as("a real 0%")
                .isEqualTo(ColourMap.COLD);
    }

    /** The pixel just inside the top-left corner of a cell, clear of the separators and the text. */
    private static Color besideText(BufferedImage image, Rectangle cell) {
        return new Color(image.getRGB(cell.x + 5, cell.y + 5));
    }
}
