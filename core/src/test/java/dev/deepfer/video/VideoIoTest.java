package dev.deepfer.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.deepfer.data.ExifOrientation;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing and reading videos with FFmpeg, and every way a file can fail to be one. */
class VideoIoTest {
    @TempDir
    Path dir;

    private static BufferedImage disc() {
        BufferedImage img = new BufferedImage(60, 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillOval(0, 0, 60, 60);
        g.dispose();
        return img;
    }

    private Path clip(int frames) throws VideoException {
        Path mp4 = dir.resolve("clip.mp4");
        SyntheticVideo.movingPhoto(disc(), 60, 320, 240, frames, 10, mp4);
        return mp4;
    }

    @Test
    void aWrittenClipReadsBackFrameByFrame() throws Exception {
        Path mp4 = clip(12);
        List<Double> times = new ArrayList<>();
        try (VideoReader reader = VideoReader.open(mp4)) {
            VideoInfo info = reader.info();
            assertThat(info.width()).isEqualTo(320);
            assertThat(info.height()).isEqualTo(240);
            assertThat(info.frameRate()).isCloseTo(10, within(1e-6));
            assertThat(info.codec()).isEqualTo("h264");
            for (Optional<VideoFrame> f = reader.next(); f.isPresent(); f = reader.next()) {
                assertThat(f.get().index()).isEqualTo(times.size());
                assertThat(f.get().image().getWidth()).isEqualTo(320);
                times.add(f.get().seconds());
            }
        }
        assertThat(times).hasSize(12);
        for (int i = 0; i < times.size(); i++) {
            assertThat(times.get(i)).isCloseTo(i * 0.1, within(1e-3));
        }
    }

    @Test
    void theDiscMovesFromLeftToRight() {
        BufferedImage first = SyntheticVideo.frame(disc(), 60, 320, 240, 0);
        BufferedImage last = SyntheticVideo.frame(disc(), 60, 320, 240, 1);
        assertThat(new Color(first.getRGB(30, 120))).isEqualTo(Color.ORANGE);
        assertThat(new Color(last.getRGB(320 - 30, 120))).isEqualTo(Color.ORANGE);
        assertThat(new Color(last.getRGB(30, 120))).isNotEqualTo(Color.ORANGE);
    }

    private static BufferedImage solid(Color c) {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, 64, 48);
        g.dispose();
        return img;
    }

    @Test
    void aCrossFadeHoldsEachStillThenBlendsIntoTheNext() throws Exception {
        Path mp4 = dir.resolve("fade.mp4");
        // 10 frames per still; the last 4 of the first share blend black into white
        SyntheticVideo.crossFade(List.of(solid(Color.BLACK), solid(Color.WHITE)), 20, 10, mp4);
        List<Integer> grey = new ArrayList<>();
        try (VideoReader reader = VideoReader.open(mp4)) {
            for (Optional<VideoFrame> f = reader.next(); f.isPresent(); f = reader.next()) {
                grey.add(f.get().image().getRaster().getSample(32, 24, 1));
            }
        }
        assertThat(grey).hasSize(20);
        assertThat(grey.get(0)).isLessThan(20);
        assertThat(grey.get(5)).isLessThan(20);
        assertThat(grey.get(8)).isBetween(60, 200);
        assertThat(grey.get(12)).isGreaterThan(235);
        assertThat(grey.get(19)).isGreaterThan(235);
    }

    @Test
    void missingFilesAndFoldersAreUnreadable() {
        Path missing = dir.resolve("nope.mp4");
        assertThatThrownBy(() -> VideoReader.open(missing)).isInstanceOf(VideoException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("no such file")
                .extracting(e -> ((VideoException) e).reason()).isEqualTo(VideoException.Reason.UNREADABLE);
        assertThatThrownBy(() -> VideoReader.open(dir)).isInstanceOf(VideoException.class)
                .hasMessageContaining("folder");
    }

    @Test
    void bytesThatAreNoVideoAreRefused() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.mp4"), "this is not a video\n".repeat(50));
        assertThatThrownBy(() -> VideoReader.open(text)).isInstanceOf(VideoException.class)
                .hasMessageContaining(text.toString())
                .extracting(e -> ((VideoException) e).reason()).isEqualTo(VideoException.Reason.NOT_A_VIDEO);
        Path empty = Files.write(dir.resolve("empty.mp4"), new byte[0]);
        assertThatThrownBy(() -> VideoReader.open(empty)).isInstanceOf(VideoException.class)
                .extracting(e -> ((VideoException) e).reason()).isEqualTo(VideoException.Reason.NOT_A_VIDEO);
    }

    @Test
    void aTruncatedFileFailsWithAVideoException() throws Exception {
        byte[] whole = Files.readAllBytes(clip(12));
        Path cut = Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(whole, whole.length / 2));
        // FFmpeg's MP4 writer puts the index at the end: without it the file does not open at all
        assertThatThrownBy(() -> {
            try (VideoReader r = VideoReader.open(cut)) {
                while (r.next().isPresent()) {
                    // read to the end
                }
            }
        }).isInstanceOf(VideoException.class).hasMessageContaining(cut.toString());
    }

    @Test
    void framesOverThePixelLimitAreRefusedFromTheHeader() throws Exception {
        Path mp4 = clip(2);
        assertThatThrownBy(() -> VideoReader.open(mp4, 320 * 240 - 1)).isInstanceOf(VideoException.class)
                .hasMessageContaining("320x240")
                .extracting(e -> ((VideoException) e).reason()).isEqualTo(VideoException.Reason.TOO_MANY_PIXELS);
    }

    @Test
    void anUnknownOutputFormatIsAWriteFailure() {
        Path out = dir.resolve("clip.unknownformat");
        assertThatThrownBy(() -> VideoWriter.open(out, 320, 240, 10)).isInstanceOf(VideoException.class)
                .hasMessageContaining(out.toString())
                .extracting(e -> ((VideoException) e).reason()).isEqualTo(VideoException.Reason.WRITE_FAILED);
    }

    /**
     * A phone-style file: frames stored landscape with a display matrix saying "turn 90 degrees".
     * The reader must swap the sides and turn the pictures, so a block stored in the top-left corner
     * comes out in the top-right one (a clockwise quarter turn, FFmpeg's autorotation for -90). If
     * the decoder stopped reading the display matrix (JavaCV reads FFmpeg's older side-data copy),
     * this fails instead of a portrait video being analysed on its side.
     */
    @Test
    void aFileWithADisplayRotationIsReadUpright() throws Exception {
        Path rotated = dir.resolve("portrait.mp4");
        org.bytedeco.javacv.FFmpegFrameRecorder recorder = new org.bytedeco.javacv.FFmpegFrameRecorder(
                rotated.toFile(), 64, 48, 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodec(org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264);
        recorder.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(10);
        recorder.setVideoQuality(0); // lossless enough that the block's edges stay where they are
        recorder.setDisplayRotation(-90);
        BufferedImage stored = new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = stored.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 16, 12);
        g.dispose();
        try (org.bytedeco.javacv.Java2DFrameConverter converter = new org.bytedeco.javacv.Java2DFrameConverter()) {
            recorder.start();
            for (int i = 0; i < 3; i++) {
                recorder.record(converter.convert(stored));
            }
            recorder.stop();
        } finally {
            recorder.release();
        }

        try (VideoReader r = VideoReader.open(rotated)) {
            assertThat(r.info().width()).as("portrait: the sides swapped").isEqualTo(48);
            assertThat(r.info().height()).isEqualTo(64);
            BufferedImage upright = r.next().orElseThrow().image();
            assertThat(upright.getWidth()).isEqualTo(48);
            assertThat(upright.getHeight()).isEqualTo(64);
            assertThat(upright.getRGB(42, 6) & 0xff).as("the block, now top right").isGreaterThan(200);
            assertThat(upright.getRGB(6, 6) & 0xff).as("top left is dark").isLessThan(50);
            assertThat(upright.getRGB(42, 58) & 0xff).as("bottom right is dark").isLessThan(50);
        }
    }

    @Test
    void displayRotationTurnsFramesBackUpright() {
        assertThat(VideoReader.orientation(0)).isEqualTo(ExifOrientation.NORMAL);
        // a portrait phone video: stored landscape, rotated -90 (clockwise) for display
        assertThat(VideoReader.orientation(-90)).isEqualTo(ExifOrientation.ROTATE_90_CW);
        assertThat(VideoReader.orientation(90)).isEqualTo(ExifOrientation.ROTATE_90_CCW);
        assertThat(VideoReader.orientation(180)).isEqualTo(ExifOrientation.ROTATE_180);
        assertThat(VideoReader.orientation(-180)).isEqualTo(ExifOrientation.ROTATE_180);
        assertThat(VideoReader.orientation(Double.NaN)).isEqualTo(ExifOrientation.NORMAL);
    }
}
