package dev.deepfer.face;

import dev.deepfer.data.GreyImages;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Turns a detected face into what the FER2013-trained networks expect: the eyes are found with
 * OpenCV's {@code haarcascade_eye.xml} in the upper part of the box and, when both are found, the
 * image is turned about the eyes' midpoint so they are level; then a square {@link #margin()} times
 * the box side, centred where the box centre lands, is cut out, turned grey and shrunk to
 * {@link #size()} pixels.
 *
 * <p>The default margin {@value #DEFAULT_MARGIN} copies FER2013's framing: run on 2,000 FER2013
 * training faces (enlarged 4x, edges padded so a box may exceed the frame), the default detector's
 * box side is a median 1/1.03 (quartiles 1/0.98 to 1/1.10) of the image side, centred within 1%
 * of the width. Thread-safe; {@link #close()} frees the eye cascades.
 */
public final class FaceAligner implements AutoCloseable {
    /** Crop side relative to the detected box side (measured on FER2013, see the class comment). */
    public static final double DEFAULT_MARGIN = 1.05;
    /** FER2013's side. */
    public static final int DEFAULT_SIZE = 48;
    /** Top part of the face box searched for eyes (Haar boxes put the eyes at about 35-45% of the height). */
    private static final double EYE_BAND = 0.6;

    private final double margin;
    private final int size;
    private final CascadePool eyes;

    /** An aligner with {@link #DEFAULT_MARGIN} and {@link #DEFAULT_SIZE}. */
    public FaceAligner() {
        this(DEFAULT_MARGIN, DEFAULT_SIZE);
    }

    /** An aligner cutting {@code margin} times the box side and resizing to {@code size} square. */
    public FaceAligner(double margin, int size) {
        if (!(margin >= 0.5 && margin <= 3) || size < 8) {
            throw new IllegalArgumentException("margin must be in [0.5, 3] and size at least 8, got " + margin
                    + " and " + size);
        }
        this.margin = margin;
        this.size = size;
        this.eyes = new CascadePool(CascadePool.EYE);
    }

    /** Crop side relative to the box side. */
    public double margin() {
        return margin;
    }

    /** Output side in pixels. */
    public int size() {
        return size;
    }

    /** Aligns one face of {@code image}. */
    public AlignedFace align(BufferedImage image, FaceBox box) {
        return align(GreyFrame.of(image), box);
    }

    /** Aligns every face of {@code image}, turning it grey once. */
    public List<AlignedFace> alignAll(BufferedImage image, List<FaceBox> boxes) {
        GreyFrame frame = GreyFrame.of(image);
        return boxes.stream().map(b -> align(frame, b)).toList();
    }

    AlignedFace align(GreyFrame frame, FaceBox box) {
        Optional<EyePair> pair = findEyes(frame, box);
        double degrees = pair.map(EyePair::levellingDegrees).orElse(0.0);
        float[] crop = cropRotated(frame, box.centreX(), box.centreY(), box.width() * margin, degrees);
        int side = (int) Math.round(Math.sqrt(crop.length));
        byte[] pixels = GreyImages.toBytes(GreyImages.resize(crop, side, side, size, size));
        // aligned from the whole box (a square a detector grew past an edge stays centred on the face),
        // reported as the part of it inside the image
        return new AlignedFace(pixels, size, box.clampedTo(frame.width(), frame.height()), degrees, pair.isPresent());
    }

    /** The eyes inside the upper {@link #EYE_BAND} of {@code box}, in image coordinates. */
    Optional<EyePair> findEyes(GreyFrame frame, FaceBox box) {
        int x0 = Math.max(0, box.x());
        int y0 = Math.max(0, box.y());
        int w = Math.min(frame.width(), box.x() + box.width()) - x0;
        int h = Math.min(frame.height(), box.y() + (int) Math.round(box.height() * EYE_BAND)) - y0;
        int minEye = Math.max(8, box.width() / 8);
        if (w < 2 * minEye || h < minEye) {
            return Optional.empty();
        }
        float[] band = new float[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(frame.pixels(), (y0 + y) * frame.width() + x0, band, y * w, w);
        }
        List<FaceBox> found;
        try (Mat grey = new GreyFrame(band, w, h).toMat()) {
            opencv_imgproc.equalizeHist(grey, grey);
            found = eyes.detect(grey, 1.05, 3, minEye, Math.max(minEye + 1, box.width() / 2));
        }
        List<FaceBox> inImage = found.stream()
                .map(e -> new FaceBox(e.x() + x0, e.y() + y0, e.width(), e.height(), e.score())).toList();
        return EyePair.pick(inImage, box);
    }

    /**
     * A {@code side x side} square (side rounded to whole pixels) centred on {@code (cx, cy)}, taken
     * from the image turned counter-clockwise by {@code degrees} about that centre; bilinear,
     * edges clamped. Crop pixel offset {@code d} from the centre samples the image at
     * {@code centre + R(degrees) d}.
     */
    static float[] cropRotated(GreyFrame frame, double cx, double cy, double side, double degrees) {
        int n = Math.max(1, (int) Math.round(side));
        double cos = Math.cos(Math.toRadians(degrees));
        double sin = Math.sin(Math.toRadians(degrees));
        double half = n / 2.0;
        float[] out = new float[n * n];
        for (int v = 0; v < n; v++) {
            double dy = v + 0.5 - half;
            for (int u = 0; u < n; u++) {
                double dx = u + 0.5 - half;
                out[v * n + u] = frame.sample(cx + cos * dx - sin * dy - 0.5, cy + sin * dx + cos * dy - 0.5);
            }
        }
        return out;
    }

    @Override
    public void close() {
        eyes.close();
    }
}
