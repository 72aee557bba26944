package dev.deepfer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deepfer.data.ImageDecoder;
import dev.deepfer.data.SharedData;
import dev.deepfer.video.SyntheticVideo;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deepfer video} and {@code --detector-model}: outputs, exit codes and messages. */
class VideoCommandTest {
    private static final Path BUNDLE = Path.of("..", "models", "default");

    @TempDir
    Path dir;

    @Test
    void aMissingVideoIsABadArgument() {
        Path missing = dir.resolve("missing.mp4");
        MainTest.Run r = MainTest.run("video", missing.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(missing.toString()).contains("no such file");
    }

    @Test
    void aFileThatIsNoVideoExitsWithThree() throws Exception {
        Path text = Files.writeString(dir.resolve("clip.mp4"), "no video here\n".repeat(20));
        MainTest.Run r = MainTest.run("video", text.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains(text.toString()).contains("not a video");
    }

    @Test
    void theOutputMayNotOverwriteTheInput() throws Exception {
        Path text = Files.writeString(dir.resolve("clip.mp4"), "x");
        MainTest.Run r = MainTest.run("video", text.toString(), "--out", text.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("overwrite");
    }

    /**
     * The CSV and the plot may not overwrite the input either, and an output whose folder cannot be
     * made is refused (exit 3) before the video is read: the video here is not even readable, so a
     * check made after the analysis would report that instead.
     */
    @Test
    void everyOutputIsCheckedBeforeTheVideoIsRead() throws Exception {
        Path text = Files.writeString(dir.resolve("clip.mp4"), "no video here\n".repeat(20));
        for (String option : List.of("--csv", "--plot")) {
            MainTest.Run r = MainTest.run("video", text.toString(), option, text.toString());
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).contains(option + " would overwrite the input video");
            assertThat(text).hasContent("no video here\n".repeat(20));
        }
        Path aFile = Files.writeString(dir.resolve("a-file"), "x");
        MainTest.Run r = MainTest.run("video", text.toString(), "--csv", aFile.resolve("t.csv").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).contains("--csv", "cannot create its folder").doesNotContain("not a video");
        MainTest.Run folder = MainTest.run("video", text.toString(), "--plot", dir.toString());
        assertThat(folder.code()).as(folder.err()).isEqualTo(2);
        assertThat(folder.err()).contains("is a folder");
        Path same = dir.resolve("result.out");
        MainTest.Run twice = MainTest.run("video", text.toString(), "--out", same.toString(), "--csv",
                dir.resolve("./result.out").toString());
        assertThat(twice.code()).as(twice.err()).isEqualTo(2);
        assertThat(twice.err()).contains("--out and --csv name the same file");
        assertThat(same).doesNotExist();
    }

    @Test
    void aDetectorModelThatIsNoModelIsNamed() throws Exception {
        Path notOnnx = Files.writeString(dir.resolve("yunet.onnx"), "not a network");
        Path photo = dir.resolve("grey.png");
        ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY), "png", photo.toFile());
        MainTest.Run r = MainTest.run("predict", photo.toString(), "--detector-model", notOnnx.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(notOnnx.toString()).contains("not a face detection model");
        MainTest.Run missing = MainTest.run("predict", photo.toString(), "--detector-model",
                dir.resolve("none.onnx").toString());
        assertThat(missing.code()).as(missing.err()).isEqualTo(2);
        assertThat(missing.err()).contains("none.onnx");
    }

    @Test
    void aShortClipGivesASummaryATimelineAPlotAndAnAnnotatedCopy() throws Exception {
        Optional<Path> samples = SharedData.samples();
        Assumptions.assumeTrue(Files.isDirectory(BUNDLE) && samples.isPresent(),
                "default bundle or shared samples missing: skipping");
        BufferedImage photo = new ImageDecoder().decode(samples.get().resolve("angry_man.jpg")).image();
        Path clip = dir.resolve("clip.mp4");
        SyntheticVideo.movingPhoto(photo, 300, 640, 480, 6, 10, clip);
        Path out = dir.resolve("out/annotated.mp4");
        Path csv = dir.resolve("out/timeline.csv");
        Path png = dir.resolve("out/timeline.png");
        MainTest.Run r = MainTest.run("video", clip.toString(), "--model", BUNDLE.toString(), "--out", out.toString(),
                "--csv", csv.toString(), "--plot", png.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("6 frame(s), 1 track(s), 6 face row(s)").contains("track #1: frames 0-5")
                .contains("mostly angry");
        assertThat(r.err()).contains("frames/s");
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(7);
        assertThat(ImageIO.read(png.toFile()).getHeight()).isGreaterThan(100);
        int frames = 0;
        try (dev.deepfer.video.VideoReader copy = dev.deepfer.video.VideoReader.open(out)) {
            assertThat(copy.info().width()).isEqualTo(640);
            assertThat(copy.info().height()).isEqualTo(480);
            while (copy.next().isPresent()) {
                frames++;
            }
        }
        assertThat(frames).as("the annotated copy has every frame").isEqualTo(6);
    }

    /**
     * FFmpeg reads a Matroska file cut in half as a shorter video (its header, with the whole
     * duration, is at the start): the analysis covers the frames read, exits 0 and says the stream
     * ended early; the whole file gets no such warning.
     */
    @Test
    void aFileCutMidwayIsAnalysedUpToTheCutWithAWarning() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(BUNDLE), "default bundle missing: skipping");
        BufferedImage grey = new BufferedImage(160, 120, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 160; x++) {
                grey.setRGB(x, y, ((x * 7 + y * 13) % 256) * 0x010101);
            }
        }
        Path whole = dir.resolve("whole.mkv");
        SyntheticVideo.movingPhoto(grey, 120, 320, 240, 40, 10, whole);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.mkv"), java.util.Arrays.copyOf(bytes, bytes.length / 2));

        MainTest.Run full = MainTest.run("video", whole.toString(), "--model", BUNDLE.toString());
        assertThat(full.code()).as(full.err()).isZero();
        assertThat(full.out()).contains("40 frame(s)");
        assertThat(full.err()).doesNotContain("warning");

        MainTest.Run r = MainTest.run("video", cut.toString(), "--model", BUNDLE.toString());
        assertThat(r.code()).as(r.err()).isZero();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) frame\\(s\\)").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        int read = Integer.parseInt(m.group(1));
        assertThat(read).isBetween(1, 35);
        assertThat(r.err()).contains("warning: the stream ended after " + read + " of the 40 frames its header "
                + "announces");
    }

    @Test
    void aLargeDirectoryReportsProgressOnStderr() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(BUNDLE), "default bundle missing: skipping");
        Path photos = Files.createDirectories(dir.resolve("photos"));
        for (int i = 0; i < PredictCommand.MANY_FILES; i++) {
            ImageIO.write(new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY), "png",
                    photos.resolve(String.format("%03d.png", i)).toFile());
        }
        MainTest.Run r = MainTest.run("predict", photos.toString(), "--model", BUNDLE.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("predict [").contains("100% 50/50").contains("50 image(s) read, 0 failed");
        assertThat(r.out().lines().count()).isEqualTo(PredictCommand.MANY_FILES);
    }
}
