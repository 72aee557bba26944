package dev.deepfer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
