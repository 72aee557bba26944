package dev.deepfer.video;

import dev.deepfer.video.VideoException.Reason;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Set;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Encodes frames into a video file with FFmpeg. The container follows the file name
 * ({@code .mp4}, {@code .mkv}, {@code .mov}: H.264 through the OpenH264 encoder in the
 * {@code org.bytedeco:ffmpeg} jar; other names: FFmpeg's default codec for that container). Frames
 * of any size are scaled to the writer's size (rounded down to even sides, as 4:2:0 chroma needs).
 * The frames go to a hidden temporary sibling ({@code .<name>.partial.<extension>}, so FFmpeg still
 * picks the container from the extension) that {@link #finish()} completes and renames onto the
 * file; closing without {@code finish} deletes it. A run that fails or is killed half-way thus
 * never replaces an earlier video with a truncated or unplayable one. Not thread-safe.
 */
public final class VideoWriter implements AutoCloseable {
    private static final Set<String> H264_CONTAINERS = Set.of("mp4", "mkv", "mov", "m4v");
    /** Bits per pixel per frame at which H.264 keeps drawn text and thin boxes sharp. */
    private static final double BITS_PER_PIXEL = 0.15;

    private final FFmpegFrameRecorder recorder;
    private final Java2DFrameConverter converter = new Java2DFrameConverter();
    private final BufferedImage bgr;
    private final Path file;
    private final Path partial;
    private final String name;
    private int frames;
    private boolean closed;

    private VideoWriter(FFmpegFrameRecorder recorder, int width, int height, Path file, Path partial) {
        this.recorder = recorder;
        this.bgr = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        this.file = file;
        this.partial = partial;
        this.name = file.toString();
    }

    /** Where the frames go until {@link #finish()}: {@code .<name>.partial.<extension>} beside {@code file}. */
    static Path partial(Path file) {
        String n = file.getFileName().toString();
        String extension = extension(file);
        return file.resolveSibling("." + n + ".partial" + (extension.isEmpty() ? "" : "." + extension));
    }

    /** Creates {@code file} (parent folders too) for {@code width x height} frames at {@code frameRate}. */
    public static VideoWriter open(Path file, int width, int height, double frameRate) throws VideoException {
        String name = file.toString();
        int w = Math.max(2, width & ~1);
        int h = Math.max(2, height & ~1);
        if (!(frameRate > 0)) {
            throw new IllegalArgumentException("frame rate must be positive, got " + frameRate);
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new VideoException(Reason.WRITE_FAILED, name, "cannot create its folder: " + e.getMessage(), e);
        }
        FFmpegLog.quiet();
        Path partial = partial(file);
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(partial.toFile(), w, h, 0);
        String extension = extension(file);
        if (H264_CONTAINERS.contains(extension)) {
            recorder.setFormat(extension.equals("mkv") ? "matroska" : extension.equals("m4v") ? "mp4" : extension);
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
        }
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(frameRate);
        recorder.setVideoBitrate((int) Math.min(Integer.MAX_VALUE, w * (double) h * frameRate * BITS_PER_PIXEL));
        try {
            recorder.start();
        } catch (FrameRecorder.Exception | RuntimeException e) {
            try {
                // release, not close: close() flushes, and flushing a recorder that never started
                // dereferences a null FFmpeg context (a JVM crash in JavaCV 1.5.12)
                recorder.release();
            } catch (FrameRecorder.Exception ignored) {
                // the start failure is the one to report
            }
            deleteQuietly(partial);
            throw new VideoException(Reason.WRITE_FAILED, name, "FFmpeg cannot write this file ("
                    + e.getMessage() + "); use a .mp4, .mkv or .mov name", e);
        }
        return new VideoWriter(recorder, w, h, file, partial);
    }

    /** Appends one frame (scaled to the writer's size if needed). */
    public void write(BufferedImage frame) throws VideoException {
        Graphics2D g = bgr.createGraphics();
        try {
            g.drawImage(frame, 0, 0, bgr.getWidth(), bgr.getHeight(), null);
        } finally {
            g.dispose();
        }
        try {
            recorder.record(converter.convert(bgr));
            frames++;
        } catch (FrameRecorder.Exception | RuntimeException e) {
            throw new VideoException(Reason.WRITE_FAILED, name, "encoding frame " + frames + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** Frames written so far. */
    public int frames() {
        return frames;
    }

    /**
     * Flushes the encoder, finishes the video (an MP4 is unplayable until this ran) and moves it onto
     * the file, replacing what was there.
     */
    public void finish() throws VideoException {
        if (closed) {
            throw new IllegalStateException(name + " is already closed");
        }
        closed = true;
        try {
            recorder.close();
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) { // FrameRecorder.Exception is one too
            deleteQuietly(partial);
            throw new VideoException(Reason.WRITE_FAILED, name, "finishing the file failed: " + e.getMessage(), e);
        } finally {
            converter.close();
        }
    }

    /** Without {@link #finish()}: stops the encoder and deletes the unfinished video (the file is untouched). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            recorder.release();
        } catch (FrameRecorder.Exception ignored) {
            // the video is abandoned; whatever stopped it is the error to report
        } finally {
            converter.close();
            deleteQuietly(partial);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (java.io.IOException ignored) {
            // a hidden leftover; the next run with this name overwrites it
        }
    }

    private static String extension(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1);
    }
}
