package dev.deepfer.video;

import dev.deepfer.data.ExifOrientation;
import dev.deepfer.data.ImageDecoder;
import dev.deepfer.video.VideoException.Reason;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Decodes the pictures of a video file with FFmpeg (JavaCV's {@link FFmpegFrameGrabber}; the
 * natives come from the {@code org.bytedeco:ffmpeg} jar, so nothing is installed or fetched).
 * Frames come out upright (the stream's display rotation, as phones record portrait video, is
 * applied), as 3-byte BGR images, with strictly increasing times starting at 0. Only local files
 * are opened, and FFmpeg may open no other protocol from inside them (playlists). Not
 * thread-safe: one reader per thread.
 */
public final class VideoReader implements AutoCloseable {
    private final FFmpegFrameGrabber grabber;
    private final Java2DFrameConverter converter = new Java2DFrameConverter();
    private final ExifOrientation rotation;
    private final VideoInfo info;
    private final String name;
    private long firstTimestamp = Long.MIN_VALUE;
    private double lastSeconds = Double.NEGATIVE_INFINITY;
    private int index;

    private VideoReader(FFmpegFrameGrabber grabber, ExifOrientation rotation, VideoInfo info, String name) {
        this.grabber = grabber;
        this.rotation = rotation;
        this.info = info;
        this.name = name;
    }

    /** Opens {@code file} with the default pixel limit ({@link ImageDecoder#DEFAULT_MAX_PIXELS} per frame). */
    public static VideoReader open(Path file) throws VideoException {
        return open(file, ImageDecoder.DEFAULT_MAX_PIXELS);
    }

    /**
     * Opens {@code file} and reads its header; frames larger than {@code maxPixels} are refused
     * before any is decoded.
     */
    public static VideoReader open(Path file, long maxPixels) throws VideoException {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new VideoException(Reason.UNREADABLE, name,
                    Files.isDirectory(file) ? "is a folder, not a video file" : "no such file");
        }
        if (!Files.isReadable(file)) {
            throw new VideoException(Reason.UNREADABLE, name, "cannot read the file (permissions)");
        }
        FFmpegLog.quiet();
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        grabber.setOption("protocol_whitelist", "file");
        try {
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            VideoException failure = new VideoException(Reason.NOT_A_VIDEO, name, "not a video FFmpeg can read, or "
                    + "damaged (" + e.getMessage() + ")", e);
            releaseAfter(grabber, failure);
            throw failure;
        }
        try {
            if (!grabber.hasVideo() || grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
                throw new VideoException(Reason.NOT_A_VIDEO, name, "has no video stream");
            }
            long pixels = (long) grabber.getImageWidth() * grabber.getImageHeight();
            if (pixels > maxPixels) {
                throw new VideoException(Reason.TOO_MANY_PIXELS, name, String.format(
                        "frames of %dx%d exceed the limit of %,d pixels", grabber.getImageWidth(),
                        grabber.getImageHeight(), maxPixels));
            }
            ExifOrientation rotation = orientation(grabber.getDisplayRotation());
            boolean swap = rotation.swapsAxes();
            double rate = grabber.getFrameRate() > 0 && Double.isFinite(grabber.getFrameRate())
                    ? grabber.getFrameRate() : 25;
            VideoInfo info = new VideoInfo(swap ? grabber.getImageHeight() : grabber.getImageWidth(),
                    swap ? grabber.getImageWidth() : grabber.getImageHeight(), rate,
                    Math.max(0, grabber.getLengthInVideoFrames()), String.valueOf(grabber.getVideoCodecName()));
            return new VideoReader(grabber, rotation, info, name);
        } catch (VideoException | RuntimeException e) {
            releaseAfter(grabber, e);
            throw e;
        }
    }

    /**
     * How a frame must be turned to look upright, from FFmpeg's display-matrix angle
     * ({@code av_display_rotation_get}: degrees the stored frame is rotated counter-clockwise):
     * the frame is turned back by that angle, to the nearest quarter turn, as FFmpeg's own
     * autorotation does.
     */
    static ExifOrientation orientation(double displayRotationDegrees) {
        if (!Double.isFinite(displayRotationDegrees)) {
            return ExifOrientation.NORMAL;
        }
        long quarterTurns = Math.floorMod(Math.round(-displayRotationDegrees / 90), 4);
        return switch ((int) quarterTurns) {
            case 1 -> ExifOrientation.ROTATE_90_CW;
            case 2 -> ExifOrientation.ROTATE_180;
            case 3 -> ExifOrientation.ROTATE_90_CCW;
            default -> ExifOrientation.NORMAL;
        };
    }

    /** The header's description of the picture stream. */
    public VideoInfo info() {
        return info;
    }

    /** The next frame, or empty at the end of the stream. */
    public Optional<VideoFrame> next() throws VideoException {
        Frame frame;
        try {
            frame = grabber.grabImage();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            throw new VideoException(Reason.CORRUPT, name, "decoding failed after " + index + " frame(s): "
                    + e.getMessage(), e);
        }
        if (frame == null || frame.image == null) {
            return Optional.empty();
        }
        BufferedImage image = rotation.apply(converter.convert(frame));
        return Optional.of(new VideoFrame(index++, seconds(frame.timestamp), image));
    }

    /** Frame time from the first frame on, in seconds; one nominal interval on when it does not increase. */
    private double seconds(long timestampMicros) {
        if (firstTimestamp == Long.MIN_VALUE) {
            firstTimestamp = timestampMicros;
        }
        double s = (timestampMicros - firstTimestamp) / 1e6;
        if (!(s > lastSeconds)) {
            s = index == 0 ? 0 : lastSeconds + info.frameInterval();
        }
        lastSeconds = s;
        return s;
    }

    @Override
    public void close() {
        converter.close();
        release(grabber);
    }

    /** Releases after {@code failure}: a failing release is added to it, not thrown in its place. */
    private static void releaseAfter(FFmpegFrameGrabber grabber, Exception failure) {
        try {
            release(grabber);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static void release(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception e) {
            throw new IllegalStateException("cannot release the FFmpeg decoder", e);
        }
    }
}
