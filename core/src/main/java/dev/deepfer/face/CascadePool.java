package dev.deepfer.face;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * OpenCV cascades shipped in the {@code org.bytedeco:opencv} platform jar, shared safely between
 * threads. A {@link CascadeClassifier} keeps per-call scratch state and must not be used by two
 * threads at once, so each call borrows one from a {@link NativePool}. The XML is copied from the
 * jar to a temporary file once per JVM, since OpenCV loads cascades by path.
 */
final class CascadePool implements AutoCloseable {
    /** Where the linux-x86_64 jar keeps OpenCV's {@code share/opencv4} data. */
    static final String SHARE = "/org/bytedeco/opencv/linux-x86_64/share/opencv4/";
    /** Open eyes, frontal. */
    static final String EYE = "haarcascades/haarcascade_eye.xml";

    private static final Map<String, Path> EXTRACTED = new ConcurrentHashMap<>();

    private final Path file;
    private final NativePool<CascadeClassifier> pool;

    /** A pool of the cascade at {@code resource}, relative to {@link #SHARE}. */
    CascadePool(String resource) {
        this.file = EXTRACTED.computeIfAbsent(resource, CascadePool::extract);
        this.pool = new NativePool<>(this::load);
    }

    /**
     * Every object OpenCV finds in {@code grey} (8-bit, one channel) of side {@code minSize} to
     * {@code maxSize} pixels ({@code 0} for no upper bound), each scored by the summed weights of
     * the cascade's last stage ({@code detectMultiScale3} with reject levels): a margin of how
     * clearly the window passed, higher for clearer faces.
     */
    List<FaceBox> detect(Mat grey, double scaleFactor, int minNeighbors, int minSize, int maxSize) {
        return with(classifier -> {
            try (RectVector rects = new RectVector();
                    IntPointer levels = new IntPointer();
                    DoublePointer weights = new DoublePointer();
                    Size min = new Size(minSize, minSize);
                    Size max = new Size(maxSize, maxSize)) {
                classifier.detectMultiScale3(grey, rects, levels, weights, scaleFactor, minNeighbors, 0, min, max,
                        true);
                List<FaceBox> boxes = new ArrayList<>((int) rects.size());
                for (int i = 0; i < rects.size(); i++) {
                    Rect r = rects.get(i);
                    boxes.add(new FaceBox(r.x(), r.y(), r.width(), r.height(), weights.get(i)));
                }
                return boxes;
            }
        });
    }

    /** Runs {@code task} with a classifier no other thread is using. */
    <T> T with(Function<CascadeClassifier, T> task) {
        return pool.with(task);
    }

    /** Frees the idle classifiers' native memory. */
    @Override
    public void close() {
        pool.close();
    }

    private CascadeClassifier load() {
        CascadeClassifier classifier = new CascadeClassifier();
        if (!classifier.load(file.toString()) || classifier.empty()) {
            classifier.close();
            throw new IllegalStateException("OpenCV could not load the cascade " + file);
        }
        return classifier;
    }

    private static Path extract(String resource) {
        String name = SHARE + resource;
        try (InputStream in = CascadePool.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the OpenCV cascade " + name + " is not on the class path; "
                        + "the org.bytedeco:opencv jar with classifier linux-x86_64 is needed");
            }
            Path tmp = Files.createTempFile("deepfer-", "-" + Path.of(resource).getFileName());
            tmp.toFile().deleteOnExit();
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the OpenCV cascade " + name + " to a temporary file", e);
        }
    }
}
