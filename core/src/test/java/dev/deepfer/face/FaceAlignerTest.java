package dev.deepfer.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.deepfer.data.ImageDecoder;
import dev.deepfer.data.SharedData;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FaceAlignerTest {
    private static FaceAligner aligner;

    @BeforeAll
    static void open() {
        aligner = new FaceAligner();
    }

    @AfterAll
    static void close() {
        aligner.close();
    }

    @Test
    void levellingAngleIsTheEyeLineTilt() {
        assertThat(EyePair.levellingDegrees(new Point2D.Double(0, 0), new Point2D.Double(10, 0))).isEqualTo(0.0);
        assertThat(EyePair.levellingDegrees(new Point2D.Double(0, 0), new Point2D.Double(10, 10)))
                .isCloseTo(45.0, within(1e-9));
        assertThat(EyePair.levellingDegrees(new Point2D.Double(5, 8), new Point2D.Double(15, 8 - 10 * Math.tan(Math.toRadians(15)))))
                .isCloseTo(-15.0, within(1e-9));
    }

    @Test
    void implausiblePairsAreRefused() {
        FaceBox face = FaceBox.labelled(0, 0, 100, 100);
        FaceBox leftEye = FaceBox.labelled(20, 30, 16, 16);
        assertThat(EyePair.pick(List.of(leftEye, FaceBox.labelled(60, 30, 16, 16)), face)).isPresent();
        assertThat(EyePair.pick(List.of(leftEye), face)).as("one eye").isEmpty();
        assertThat(EyePair.pick(List.of(leftEye, FaceBox.labelled(42, 30, 16, 16)), face)).as("too close").isEmpty();
        assertThat(EyePair.pick(List.of(leftEye, FaceBox.labelled(60, 70, 16, 16)), face)).as("too steep").isEmpty();
    }

    @Test
    void cropTurnsTheImageSoATiltedLineBecomesLevel() {
        int n = 101;
        float[] px = new float[n * n];
        double tilt = Math.toRadians(20);
        for (int t = -40; t <= 40; t++) {
            int x = (int) Math.round(50 + t * Math.cos(tilt));
            int y = (int) Math.round(50 + t * Math.sin(tilt));
            px[y * n + x] = 255;
        }
        float[] crop = FaceAligner.cropRotated(new GreyFrame(px, n, n), 50.5, 50.5, 61, 20);
        float[] row = new float[61];
        System.arraycopy(crop, 30 * 61, row, 0, 61);
        int bright = 0;
        for (float v : row) {
            bright += v > 100 ? 1 : 0;
        }
        assertThat(bright).as("line pixels on the middle row of the levelled crop").isGreaterThan(45);
    }

    @Test
    void drawnFaceTiltedClockwiseIsLevelledByTurningCounterClockwise() {
        // OpenCV's eye cascade does not fire on a cartoon, so the eyes are located as the dark
        // blobs of the drawing; the cascade path is checked on a real photo below.
        GreyFrame frame = GreyFrame.of(drawnFace(15));
        Point2D left = darkCentroid(frame, 0, 150);
        Point2D right = darkCentroid(frame, 150, 300);
        assertThat(EyePair.levellingDegrees(left, right)).isCloseTo(15.0, within(2.0));
        assertThat(EyePair.levellingDegrees(darkCentroid(GreyFrame.of(drawnFace(-15)), 0, 150),
                darkCentroid(GreyFrame.of(drawnFace(-15)), 150, 300))).isCloseTo(-15.0, within(2.0));
    }

    @Test
    void samplePhotoGivesEyesAndASmallTilt() throws Exception {
        Optional<Path> samples = SharedData.samples();
        assumeTrue(samples.isPresent(), "shared samples absent, looked in " + SharedData.describe());
        BufferedImage img = new ImageDecoder().decode(samples.get().resolve("angry_man.jpg")).image();
        try (HaarFaceDetector detector = new HaarFaceDetector()) {
            List<FaceBox> faces = detector.detect(img);
            assertThat(faces).hasSize(1);
            AlignedFace face = aligner.align(img, faces.get(0));
            assertThat(face.eyesFound()).isTrue();
            assertThat(face.rotationDegrees()).isBetween(-8.0, 8.0);
            assertThat(face.pixels()).hasSize(48 * 48);
            assertThat(face.box()).isEqualTo(faces.get(0));
        }
    }

    /**
     * A square a detector grew past the image's edge: the face is aligned from the whole square
     * (the same pixels as before), and the box reported with it is the part inside the image.
     */
    @Test
    void aBoxPastTheEdgeIsAlignedWholeAndReportedInsideTheImage() {
        BufferedImage img = drawnFace(0);
        FaceBox past = new FaceBox(-20, -10, 200, 200, 0.9);
        AlignedFace face = aligner.align(img, past);
        assertThat(face.box()).isEqualTo(new FaceBox(0, 0, 180, 190, 0.9));
        AlignedFace inside = aligner.align(img, new FaceBox(20, 10, 200, 200, 0.9));
        assertThat(inside.box()).as("a box inside stays as it is").isEqualTo(new FaceBox(20, 10, 200, 200, 0.9));
        assertThat(face.pixels()).as("cropped around the whole box, not the clamped one")
                .isNotEqualTo(aligner.align(img, face.box()).pixels());
    }

    @Test
    void samplePhotoTurnedBy15DegreesIsMeasuredAsTurned() throws Exception {
        Optional<Path> samples = SharedData.samples();
        assumeTrue(samples.isPresent(), "shared samples absent, looked in " + SharedData.describe());
        BufferedImage upright = new ImageDecoder().decode(samples.get().resolve("angry_man.jpg")).image();
        BufferedImage turned = new BufferedImage(upright.getWidth(), upright.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = turned.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, turned.getWidth(), turned.getHeight());
        g.rotate(Math.toRadians(15), upright.getWidth() / 2.0, upright.getHeight() / 2.0);
        g.drawImage(upright, 0, 0, null);
        g.dispose();
        try (HaarFaceDetector detector = new HaarFaceDetector()) {
            FaceBox uprightBox = detector.detect(upright).get(0);
            AlignedFace level = aligner.align(upright, uprightBox);
            AlignedFace face = aligner.align(turned, uprightBox);
            assertThat(face.eyesFound()).isTrue();
            assertThat(face.rotationDegrees() - level.rotationDegrees()).isCloseTo(15.0, within(4.0));
        }
    }

    /** A cartoon face (grey oval, dark eyes, mouth) on white, turned clockwise on screen by {@code degrees}. */
    private static BufferedImage drawnFace(double degrees) {
        BufferedImage img = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 300, 300);
        g.rotate(Math.toRadians(degrees), 150, 150);
        g.setColor(new Color(200, 170, 150));
        g.fillOval(75, 55, 150, 190);
        g.setColor(Color.BLACK);
        for (int side : new int[] {-1, 1}) {
            g.fillOval(150 + side * 35 - 14, 125 - 8, 28, 16);
        }
        g.fillArc(110, 180, 80, 30, 180, 180);
        g.dispose();
        return img;
    }

    /** Centre of the dark pixels between columns {@code x0} and {@code x1} above the mouth. */
    private static Point2D darkCentroid(GreyFrame frame, int x0, int x1) {
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int y = 0; y < 165; y++) {
            for (int x = x0; x < x1; x++) {
                if (frame.pixels()[y * frame.width() + x] < 60) {
                    sx += x + 0.5;
                    sy += y + 0.5;
                    n++;
                }
            }
        }
        assertThat(n).as("dark pixels").isGreaterThan(100);
        return new Point2D.Double(sx / n, sy / n);
    }
}
