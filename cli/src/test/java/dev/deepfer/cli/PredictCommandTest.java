package dev.deepfer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deepfer predict}: exit codes, images that fail, annotated copies. */
class PredictCommandTest {
    @TempDir
    Path dir;

    /** A 64x64 grey PNG (no face) at {@code file}. */
    static Path greyPng(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY), "png", file.toFile());
        return file;
    }

    @Test
    void aMissingModelDetectorModelOrImageIsABadArgument() throws IOException {
        Path photo = greyPng(dir.resolve("grey.png"));
        Path nope = dir.resolve("nope");
        MainTest.Run noModel = MainTest.run("predict", photo.toString(), "--model", nope.toString());
        assertThat(noModel.code()).as(noModel.err()).isEqualTo(2);
        assertThat(noModel.err()).contains("no model bundle", nope.toString());

        Path bundle = MainTest.tinyBundle(dir.resolve("bundle"));
        Path missing = dir.resolve("missing.jpg");
        MainTest.Run noImage = MainTest.run("predict", missing.toString(), "--model", bundle.toString());
        assertThat(noImage.code()).as(noImage.err()).isEqualTo(2);
        assertThat(noImage.err()).contains(missing.toString());
    }

    @Test
    void aDirectoryWithAnUnreadableFileReadsTheOthersAndExitsWithThree() throws IOException {
        Path bundle = MainTest.tinyBundle(dir.resolve("bundle"));
        Path photos = dir.resolve("photos");
        greyPng(photos.resolve("a.png"));
        Files.writeString(photos.resolve("b_text.jpg"), "not an image");
        greyPng(photos.resolve("c.png"));
        MainTest.Run r = MainTest.run("predict", photos.toString(), "--model", bundle.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.out()).contains(photos.resolve("a.png") + " (64x64): 0 face(s)",
                photos.resolve("c.png") + " (64x64): 0 face(s)");
        assertThat(r.err()).contains("b_text.jpg", "2 image(s) read, 1 failed");
    }

    /** A failure that is not a decoding error is the image's too: counted and named, and the others go on. */
    @Test
    void anImageWhoseRecognitionThrowsIsCountedAndTheOthersGoOn() throws IOException {
        Path a = greyPng(dir.resolve("a.png"));
        Path b = greyPng(dir.resolve("b.png"));
        Path c = greyPng(dir.resolve("c.png"));
        PredictCommand predict = new PredictCommand();
        MainTest.Run r = MainTest.capture(() -> predict.recogniseEach(java.util.List.of(a, b, c), f -> {
            if (f.equals(b)) {
                throw new IllegalStateException("the face detector model failed on a 64x64 image");
            }
            return new dev.deepfer.infer.RecognitionResult(f.toString(), 64, 64, java.util.List.of());
        }));
        assertThat(r.code()).as("failed images").isEqualTo(1);
        assertThat(r.out()).contains(a + " (64x64): 0 face(s)", c + " (64x64): 0 face(s)").doesNotContain(b.toString());
        assertThat(r.err()).contains(b.toString(), "IllegalStateException", "failed on a 64x64 image");
    }

    /**
     * Copies keep the image's path under the input and its full name, so same-named images in two
     * folders and x.jpg beside x.png get one copy each; a second run into a folder inside the input
     * does not read the first run's copies.
     */
    @Test
    void annotatedCopiesKeepTheirPathAndNameAndAreNotReadBack() throws IOException {
        java.util.Optional<Path> samples = dev.deepfer.data.SharedData.samples();
        org.junit.jupiter.api.Assumptions.assumeTrue(samples.isPresent(), "shared samples missing: skipping");
        Path bundle = MainTest.tinyBundle(dir.resolve("bundle"));
        Path photos = dir.resolve("photos");
        Map<String, String> sources = Map.of("a/img.jpg", "angry_man.jpg", "b/img.jpg", "sad_occluded.jpg",
                "x.jpg", "angry_man.jpg", "x.png", "surprise_panel.jpg");
        for (Map.Entry<String, String> e : sources.entrySet()) {
            BufferedImage image = ImageIO.read(samples.get().resolve(e.getValue()).toFile());
            Files.createDirectories(photos.resolve(e.getKey()).getParent());
            ImageIO.write(image, e.getKey().endsWith(".png") ? "png" : "jpg", photos.resolve(e.getKey()).toFile());
        }
        Path out = photos.resolve("annotated");

        MainTest.Run first = MainTest.run("predict", photos.toString(), "--model", bundle.toString(),
                "--annotate", out.toString());

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.err()).contains("4 image(s) read, 0 failed");
        try (java.util.stream.Stream<Path> written = Files.walk(out)) {
            assertThat(written.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()))
                    .containsExactlyInAnyOrder("a/img.jpg.annotated.png", "b/img.jpg.annotated.png",
                            "x.jpg.annotated.png", "x.png.annotated.png");
        }
        for (Map.Entry<String, String> e : sources.entrySet()) {
            BufferedImage copy = ImageIO.read(out.resolve(e.getKey() + ".annotated.png").toFile());
            BufferedImage source = ImageIO.read(photos.resolve(e.getKey()).toFile());
            assertThat(copy.getWidth() * 10_000 + copy.getHeight()).as(e.getKey())
                    .isEqualTo(source.getWidth() * 10_000 + source.getHeight());
        }
        assertThat(first.out()).contains("face 1 at");

        MainTest.Run second = MainTest.run("predict", photos.toString(), "--model", bundle.toString(),
                "--annotate", out.toString());
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).isEqualTo(first.out());

        MainTest.Run same = MainTest.run("predict", photos.toString(), "--model", bundle.toString(),
                "--annotate", photos.toString());
        assertThat(same.code()).isEqualTo(2);
        assertThat(same.err()).contains("--annotate", "input");
    }
}
