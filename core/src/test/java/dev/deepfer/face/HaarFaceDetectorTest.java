package dev.deepfer.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.deepfer.data.ImageDecoder;
import dev.deepfer.data.SharedData;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HaarFaceDetectorTest {
    private static HaarFaceDetector detector;

    @BeforeAll
    static void open() {
        detector = new HaarFaceDetector();
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    @Test
    void blankImageHasNoFace() {
        assertThat(detector.detect(new BufferedImage(320, 240, BufferedImage.TYPE_BYTE_GRAY))).isEmpty();
    }

    @Test
    void angryManIsExactlyOneFace() throws Exception {
        List<FaceBox> faces = detector.detect(sample("angry_man.jpg"));
        assertThat(faces).hasSize(1);
        assertThat(faces.get(0).score()).isGreaterThanOrEqualTo(detector.options().scoreThreshold());
    }

    @Test
    void sixteenBitGreyAndTranslucentCopiesGiveTheSameFace() throws Exception {
        BufferedImage img = sample("angry_man.jpg");
        FaceBox expected = detector.detect(img).get(0);
        for (int type : new int[] {BufferedImage.TYPE_USHORT_GRAY, BufferedImage.TYPE_INT_ARGB}) {
            List<FaceBox> found = detector.detect(redraw(img, type, 1));
            assertThat(found).as("image type " + type).hasSize(1);
            assertThat(found.get(0).iou(expected)).isGreaterThan(0.8);
        }
    }

    @Test
    void bigImagesAreShrunkAndBoxesScaledBack() throws Exception {
        BufferedImage img = sample("angry_man.jpg");
        BufferedImage big = redraw(img, BufferedImage.TYPE_INT_RGB, 4);
        assertThat(Math.max(big.getWidth(), big.getHeight())).isGreaterThan(detector.options().maxInputSide());
        FaceBox small = detector.detect(img).get(0);
        List<FaceBox> found = detector.detect(big);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).iou(small.scaled(4))).isGreaterThan(0.8);
    }

    @Test
    void concurrentCallsAgree() throws Exception {
        BufferedImage img = sample("faces-in-the-wild/2008_002506.jpg");
        List<FaceBox> expected = detector.detect(img);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<FaceBox>>> runs = IntStream.range(0, 8)
                    .mapToObj(i -> pool.submit(() -> detector.detect(img))).toList();
            for (Future<List<FaceBox>> run : runs) {
                assertThat(run.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static BufferedImage redraw(BufferedImage img, int type, int scale) {
        BufferedImage out = new BufferedImage(img.getWidth() * scale, img.getHeight() * scale, type);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        return out;
    }

    static BufferedImage sample(String relative) throws Exception {
        Path samples = SharedData.samples().orElse(null);
        assumeTrue(samples != null, "shared samples absent, looked in " + SharedData.describe());
        return new ImageDecoder().decode(samples.resolve(relative)).image();
    }
}
