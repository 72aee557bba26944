package dev.deepfer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deepfer.data.Emotion;
import dev.deepfer.data.FaceDataset;
import dev.deepfer.data.Fer2013Csv;
import dev.deepfer.data.SharedData;
import dev.deepfer.report.CropStrip;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deepfer crops}: the framing strip of aligned photo crops and FER2013 mean faces. */
class CropsCommandTest {
    @TempDir
    Path dir;

    /** A FER2013 CSV with one (flat grey) training face per emotion. */
    private Path csvWithEveryEmotion() throws Exception {
        String pixels = IntStream.range(0, Fer2013Csv.PIXELS).mapToObj(i -> "128").collect(Collectors.joining(" "));
        List<String> lines = new ArrayList<>(List.of(Fer2013Csv.HEADER));
        for (Emotion e : Emotion.values()) {
            lines.add(e.ordinal() + "," + pixels + ",Training");
        }
        return Files.write(dir.resolve("fer.csv"), lines);
    }

    @Test
    void aPhotoWithAFaceGivesTwoRowsOfCrops() throws Exception {
        Optional<Path> samples = SharedData.samples();
        Assumptions.assumeTrue(samples.isPresent(), "shared samples missing: skipping");
        Path png = dir.resolve("strip.png");
        MainTest.Run r = MainTest.run("crops", samples.get().resolve("angry_man.jpg").toString(), "--data",
                csvWithEveryEmotion().toString(), "--out", png.toString(), "--scale", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("1 aligned crop(s) and 7 FER2013 mean face(s)");
        BufferedImage strip = ImageIO.read(png.toFile());
        // seven 96-pixel tiles and their gaps fit in the width
        assertThat(strip.getWidth()).isGreaterThanOrEqualTo(7 * 96);
    }

    @Test
    void meanFacesAverageEachEmotionRoundingHalfUp() {
        // 2x2 faces: two angry (0 and 3 → 1.5 → 2; 10 and 20 → 15), one happy; no other emotion
        byte[] pixels = {0, 10, 0, 0, 3, 20, 0, 1, 7, 7, (byte) 255, 7};
        byte[] labels = {(byte) Emotion.ANGRY.ordinal(), (byte) Emotion.ANGRY.ordinal(), (byte) Emotion.HAPPY.ordinal()};
        List<CropStrip.Tile> tiles = CropsCommand.meanFaces(new FaceDataset("test", 2, pixels, labels));
        assertThat(tiles).extracting(CropStrip.Tile::caption).containsExactly("angry, n=2", "happy, n=1");
        assertThat(tiles.get(0).grey()).containsExactly(2, 15, 0, 1);
        assertThat(tiles.get(1).grey()).containsExactly(7, 7, 255, 7);
    }

    @Test
    void photosWithoutFacesAreABadArgument() throws Exception {
        Path grey = dir.resolve("grey.png");
        ImageIO.write(new BufferedImage(80, 80, BufferedImage.TYPE_BYTE_GRAY), "png", grey.toFile());
        MainTest.Run r = MainTest.run("crops", grey.toString(), "--data", csvWithEveryEmotion().toString(), "--out",
                dir.resolve("strip.png").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no face found");
        assertThat(dir.resolve("strip.png")).doesNotExist();

        for (String n : new String[] {"0", "-1"}) {
            MainTest.Run bad = MainTest.run("crops", grey.toString(), "--per-photo", n, "--out",
                    dir.resolve("strip.png").toString());
            assertThat(bad.code()).as(bad.err()).isEqualTo(2);
            assertThat(bad.err()).contains("--per-photo must be at least 1, got " + n);
        }
        MainTest.Run noRepeat = MainTest.run("bench", "recognize", grey.toString(), "--repeat", "0");
        assertThat(noRepeat.code()).as(noRepeat.err()).isEqualTo(2);
        assertThat(noRepeat.err()).contains("--repeat must be at least 1, got 0");
    }
}
