package dev.deepfer.face;

import java.awt.image.BufferedImage;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Viola-Jones frontal-face detection with OpenCV's {@code haarcascade_frontalface_default.xml},
 * read from the OpenCV jar (nothing for the user to fetch). The image is turned grey, shrunk to
 * {@link DetectorOptions#maxInputSide()} if larger, histogram-equalised, and scanned; boxes come
 * back in the original image's pixels, each with the cascade's final-stage score, and those under
 * {@link DetectorOptions#scoreThreshold()} are dropped. Thread-safe; {@link #close()} frees the
 * native classifiers.
 */
public final class HaarFaceDetector implements FaceDetector, AutoCloseable {
    /** The cascade of {@link #HaarFaceDetector()}. */
    public static final HaarCascade DEFAULT_CASCADE = HaarCascade.FRONTAL_ALT;

    private final DetectorOptions options;
    private final CascadePool cascade;

    /** A detector with the {@link #DEFAULT_CASCADE} and {@link DetectorOptions#defaults()}. */
    public HaarFaceDetector() {
        this(DEFAULT_CASCADE, DetectorOptions.defaults());
    }

    /** A detector with the given cascade and options. */
    public HaarFaceDetector(HaarCascade cascade, DetectorOptions options) {
        this.options = options;
        this.cascade = new CascadePool(cascade.resource());
    }

    /** The options in use. */
    public DetectorOptions options() {
        return options;
    }

    @Override
    public List<FaceBox> detect(BufferedImage image) {
        return detect(GreyFrame.of(image));
    }

    List<FaceBox> detect(GreyFrame frame) {
        GreyFrame small = frame.limitedTo(options.maxInputSide());
        double scale = (double) small.width() / frame.width();
        // the shrunk frame's sides are rounded apart: each is scaled back by its own ratio
        double backX = (double) frame.width() / small.width();
        double backY = (double) frame.height() / small.height();
        int minSize = Math.max(1, (int) Math.round(options.minFaceSize() * scale));
        List<FaceBox> found;
        try (Mat grey = small.toMat()) {
            opencv_imgproc.equalizeHist(grey, grey);
            found = cascade.detect(grey, options.scaleFactor(), options.minNeighbors(), minSize, 0);
        }
        return found.stream()
                .filter(b -> b.score() >= options.scoreThreshold())
                .map(b -> small == frame ? b : b.scaled(backX, backY))
                .sorted(Comparator.comparingDouble(FaceBox::score).reversed())
                .toList();
    }

    @Override
    public void close() {
        cascade.close();
    }
}
