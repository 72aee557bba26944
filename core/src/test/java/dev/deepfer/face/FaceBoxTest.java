package dev.deepfer.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FaceBoxTest {
    @Test
    void iouOfSameOverlappingAndDisjointBoxes() {
        FaceBox a = FaceBox.labelled(0, 0, 10, 10);
        assertThat(a.iou(a)).isEqualTo(1.0);
        assertThat(a.iou(FaceBox.labelled(5, 0, 10, 10))).isCloseTo(50.0 / 150, within(1e-12));
        assertThat(a.iou(FaceBox.labelled(10, 0, 10, 10))).isZero();
        assertThat(a.iou(FaceBox.labelled(2, 2, 5, 5))).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void scalingKeepsTheScoreAndRejectsEmptyBoxes() {
        FaceBox b = new FaceBox(10, 20, 30, 40, 7.5).scaled(2);
        assertThat(b).isEqualTo(new FaceBox(20, 40, 60, 80, 7.5));
        assertThatThrownBy(() -> FaceBox.labelled(0, 0, 0, 5)).hasMessageContaining("positive size");
    }

    @Test
    void eachSideScalesByItsOwnRatioAndAReportedBoxLiesInsideTheImage() {
        // a 155x4000 frame shrunk to 50x1280: x back by 3.1, y by 3.125 (one ratio put y=960 at 2976, not 3000)
        FaceBox back = new FaceBox(10, 960, 20, 32, 2).scaled(155 / 50.0, 4000 / 1280.0);
        assertThat(back).isEqualTo(new FaceBox(31, 3000, 62, 100, 2));

        assertThat(new FaceBox(-10, -5, 40, 40, 1).clampedTo(100, 80)).isEqualTo(new FaceBox(0, 0, 30, 35, 1));
        assertThat(new FaceBox(90, 70, 40, 40, 1).clampedTo(100, 80)).isEqualTo(new FaceBox(90, 70, 10, 10, 1));
        FaceBox inside = new FaceBox(10, 10, 20, 20, 1);
        assertThat(inside.clampedTo(100, 80)).isEqualTo(inside);
        FaceBox outside = new FaceBox(200, 10, 20, 20, 1);
        assertThat(outside.clampedTo(100, 80)).as("nothing inside: kept, a box needs a size").isSameAs(outside);
    }

    @Test
    void matchingCountsEachLabelOnceInScoreOrder() {
        List<FaceBox> labels = List.of(FaceBox.labelled(0, 0, 10, 10), FaceBox.labelled(100, 0, 10, 10));
        List<FaceBox> detections = List.of(new FaceBox(1, 1, 10, 10, 1), new FaceBox(0, 0, 10, 10, 2),
                new FaceBox(200, 200, 10, 10, 3));
        assertThat(DetectorEvaluation.match(detections, labels, 0.4)).isEqualTo(1);
        assertThat(DetectorEvaluation.match(List.of(new FaceBox(4, 4, 10, 10, 1)), labels, 0.4)).as("IoU 0.22").isZero();
    }
}
