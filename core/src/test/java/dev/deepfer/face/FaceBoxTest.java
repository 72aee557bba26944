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
    void matchingCountsEachLabelOnceInScoreOrder() {
        List<FaceBox> labels = List.of(FaceBox.labelled(0, 0, 10, 10), FaceBox.labelled(100, 0, 10, 10));
        List<FaceBox> detections = List.of(new FaceBox(1, 1, 10, 10, 1), new FaceBox(0, 0, 10, 10, 2),
                new FaceBox(200, 200, 10, 10, 3));
        assertThat(DetectorEvaluation.match(detections, labels, 0.4)).isEqualTo(1);
        assertThat(DetectorEvaluation.match(List.of(new FaceBox(4, 4, 10, 10, 1)), labels, 0.4)).as("IoU 0.22").isZero();
    }
}
