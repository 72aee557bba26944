package dev.deepfer.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.deepfer.data.SharedData;
import dev.deepfer.face.DetectorEvaluation.ImageScore;
import dev.deepfer.face.DetectorEvaluation.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The default detector on the hand-labelled faces-in-the-wild samples: the numbers docs report. */
class DetectorEvaluationTest {
    @Test
    void defaultDetectorFindsMostLabelledFacesAndNoDog() throws Exception {
        Path folder = SharedData.samples().map(s -> s.resolve("faces-in-the-wild")).filter(Files::isDirectory)
                .orElse(null);
        assumeTrue(folder != null, "faces-in-the-wild samples absent, looked in " + SharedData.describe());
        List<LabelledImage> photos = DetectorEvaluation.sampleFolder(folder);
        assertThat(photos).hasSize(10);
        assertThat(photos.stream().mapToInt(p -> p.faces().size()).sum()).isEqualTo(43);
        Report report;
        try (HaarFaceDetector detector = new HaarFaceDetector()) {
            report = DetectorEvaluation.evaluate(detector, photos, DetectorEvaluation.DEFAULT_IOU);
        }
        System.out.print(report.toTable());
        ImageScore dogs = report.images().stream().filter(s -> s.file().equals("dogs.jpg")).findFirst().orElseThrow();
        assertThat(dogs.detected()).as("faces found on dogs.jpg").isZero();
        assertThat(report.overall().recall()).isGreaterThanOrEqualTo(0.8);
        assertThat(report.overall().precision()).isGreaterThanOrEqualTo(0.8);
    }

    /**
     * What the live settings cost on the same photos: they skip faces under 48 px (most faces of
     * these group photos), so recall drops, but what they find is still right and the single-face
     * sample photo still gives its one face.
     */
    @Test
    void liveSettingsTradeSmallFacesForSpeedButStayPrecise() throws Exception {
        Path samples = SharedData.samples().filter(Files::isDirectory).orElse(null);
        assumeTrue(samples != null, "samples absent, looked in " + SharedData.describe());
        List<LabelledImage> photos = DetectorEvaluation.sampleFolder(samples.resolve("faces-in-the-wild"));
        Report live;
        List<FaceBox> angry;
        try (HaarFaceDetector detector = new HaarFaceDetector(HaarFaceDetector.DEFAULT_CASCADE, DetectorOptions.live())) {
            live = DetectorEvaluation.evaluate(detector, photos, DetectorEvaluation.DEFAULT_IOU);
            angry = detector.detect(javax.imageio.ImageIO.read(samples.resolve("angry_man.jpg").toFile()));
        }
        System.out.print("live settings:\n" + live.toTable());
        assertThat(live.overall().precision()).isGreaterThanOrEqualTo(0.8);
        assertThat(live.images().stream().filter(s -> s.file().equals("dogs.jpg")).findFirst().orElseThrow().detected())
                .isZero();
        assertThat(angry).hasSize(1);
    }
}
