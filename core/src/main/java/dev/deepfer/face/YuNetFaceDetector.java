package dev.deepfer.face;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.FaceDetectorYN;

/**
 * A DNN face detector: OpenCV's {@code FaceDetectorYN} running a YuNet ONNX model that the user
 * supplies (e.g. {@code face_detection_yunet_2023mar.onnx} from the OpenCV model zoo; nothing is
 * downloaded). More robust than the Haar cascade to turned heads and poor light, and it scores
 * faces 0-1. Each YuNet box (tight, taller than wide) is returned as the square of its longer side
 * about the same centre, the shape of the Haar boxes that {@link FaceAligner}'s FER2013 margin was
 * measured on (that margin has not been re-measured for YuNet). Thread-safe: each call borrows its
 * own native detector, since {@code setInputSize} changes the detector's state.
 */
public final class YuNetFaceDetector implements FaceDetector, AutoCloseable {
    /** Columns per face in FaceDetectorYN's output: box (4), five landmarks (10), score. */
    private static final int COLUMNS = 15;

    private final YuNetOptions options;
    private final NativePool<FaceDetectorYN> pool;

    private YuNetFaceDetector(Path model, YuNetOptions options) {
        this.options = options;
        this.pool = new NativePool<>(() -> create(model, options));
    }

    /**
     * Loads the ONNX model at {@code model}.
     *
     * @throws IOException if the file is missing or unreadable, or OpenCV cannot load it as a
     *     network (not ONNX, damaged)
     */
    public static YuNetFaceDetector load(Path model, YuNetOptions options) throws IOException {
        if (!Files.isRegularFile(model) || !Files.isReadable(model)) {
            throw new IOException("no face detector model at " + model
                    + (Files.isDirectory(model) ? " (a folder; give the .onnx file)" : " (no such file)"));
        }
        try {
            return new YuNetFaceDetector(model, options);
        } catch (RuntimeException e) {
            throw new IOException(model + " is not a face detection model OpenCV can load (an ONNX YuNet file "
                    + "such as face_detection_yunet_2023mar.onnx is expected): " + firstLine(e.getMessage()), e);
        }
    }

    /** The options in use. */
    public YuNetOptions options() {
        return options;
    }

    @Override
    public List<FaceBox> detect(BufferedImage image) {
        int side = Math.max(image.getWidth(), image.getHeight());
        double scale = side > options.maxInputSide() ? (double) options.maxInputSide() / side : 1.0;
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        double sx = (double) w / image.getWidth(); // the sides are rounded apart: each has its own ratio
        double sy = (double) h / image.getHeight();
        float[] rows;
        try (Mat bgr = bgrMat(image, w, h); Mat faces = new Mat(); Size size = new Size(w, h)) {
            rows = pool.with(detector -> {
                detector.setInputSize(size);
                detector.detect(bgr, faces);
                return values(faces);
            });
        } catch (RuntimeException e) {
            throw new IllegalStateException("the face detector model failed on a " + image.getWidth() + "x"
                    + image.getHeight() + " image (is it a YuNet model?): " + firstLine(e.getMessage()), e);
        }
        List<FaceBox> boxes = new ArrayList<>();
        for (int r = 0; r + COLUMNS <= rows.length; r += COLUMNS) {
            double score = rows[r + COLUMNS - 1];
            double sideOut = Math.max(rows[r + 2] / sx, rows[r + 3] / sy);
            if (score < options.scoreThreshold() || sideOut < options.minFaceSize()) {
                continue;
            }
            double cx = (rows[r] + rows[r + 2] / 2.0) / sx;
            double cy = (rows[r + 1] + rows[r + 3] / 2.0) / sy;
            int s = Math.max(1, (int) Math.round(sideOut));
            boxes.add(new FaceBox((int) Math.round(cx - s / 2.0), (int) Math.round(cy - s / 2.0), s, s, score));
        }
        boxes.sort(Comparator.comparingDouble(FaceBox::score).reversed());
        return boxes;
    }

    @Override
    public void close() {
        pool.close();
    }

    private static FaceDetectorYN create(Path model, YuNetOptions o) {
        try (Size initial = new Size(320, 320)) {
            FaceDetectorYN d = FaceDetectorYN.create(model.toString(), "", initial, (float) o.scoreThreshold(),
                    (float) o.nmsThreshold(), 5000, 0, 0);
            if (d == null || d.isNull()) {
                throw new IllegalStateException("FaceDetectorYN.create returned nothing");
            }
            return d;
        }
    }

    /** The output matrix's floats, row after row (empty when no face). */
    private static float[] values(Mat faces) {
        if (faces.empty() || faces.rows() == 0) {
            return new float[0];
        }
        if (faces.cols() != COLUMNS || faces.type() != opencv_core.CV_32F) {
            throw new IllegalStateException("expected " + COLUMNS + " float columns per face, got " + faces.cols()
                    + " of type " + faces.type());
        }
        float[] out = new float[faces.rows() * COLUMNS];
        try (FloatIndexer idx = faces.createIndexer()) {
            for (int r = 0; r < faces.rows(); r++) {
                for (int c = 0; c < COLUMNS; c++) {
                    out[r * COLUMNS + c] = idx.get(r, c);
                }
            }
        }
        return out;
    }

    /** {@code image} resized to {@code w x h} as an 8-bit BGR OpenCV matrix (what YuNet expects). */
    private static Mat bgrMat(BufferedImage image, int w, int h) {
        BufferedImage bgr = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = bgr.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        Mat mat = new Mat(h, w, opencv_core.CV_8UC3);
        mat.data().put(((DataBufferByte) bgr.getRaster().getDataBuffer()).getData());
        return mat;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        String trimmed = message.strip();
        int nl = trimmed.indexOf('\n');
        return nl < 0 ? trimmed : trimmed.substring(0, nl);
    }
}
