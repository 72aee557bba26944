package dev.deepfer.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deepfer.face.FaceBox;
import dev.deepfer.infer.FaceEmotion;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analyzer's bookkeeping with a scripted recogniser (no model): detection cadence, ids, smoothing. */
class VideoAnalyzerUnitTest {
    @TempDir
    Path dir;

    /** Finds one face whose box moves 10 pixels per frame; its emotion alternates between two. */
    private static final class Scripted implements FrameRecognizer {
        final List<String> calls = new ArrayList<>();
        int frame;

        @Override
        public List<FaceEmotion> detect(BufferedImage image) {
            calls.add("detect");
            return List.of(face(new FaceBox(10 * frame, 100, 100, 100, 1)));
        }

        @Override
        public List<FaceEmotion> at(BufferedImage image, List<FaceBox> boxes) {
            calls.add("at");
            return boxes.stream().map(this::face).toList();
        }

        private FaceEmotion face(FaceBox box) {
            float[] p = new float[7];
            p[frame++ % 2 == 0 ? 0 : 3] = 1;
            return FaceEmotion.of(box, p);
        }
    }

    private Path clip(int frames) throws VideoException {
        Path mp4 = dir.resolve("grey.mp4");
        SyntheticVideo.crossFade(List.of(new BufferedImage(160, 120, BufferedImage.TYPE_3BYTE_BGR)), frames, 10, mp4);
        return mp4;
    }

    @Test
    void theDetectorRunsOnEveryNthFrameAndBoxesCarryOverBetween() throws Exception {
        Scripted scripted = new Scripted();
        Timeline t = new VideoAnalyzer(scripted, new VideoOptions(TrackerOptions.defaults(), 0, 3))
                .analyze(clip(7), Optional.empty(), (frame, faces) -> { });
        assertThat(scripted.calls).containsExactly("detect", "at", "at", "detect", "at", "at", "detect");
        assertThat(t.rows()).hasSize(7);
        assertThat(t.rows().stream().map(r -> r.face().trackId()).distinct()).containsExactly(1);
        // frames 1 and 2 reuse frame 0's box; frame 3 has a fresh one
        assertThat(t.rows().get(2).face().raw().box().x()).isZero();
        assertThat(t.rows().get(3).face().raw().box().x()).isEqualTo(30);
        // smoothing off: the smoothed face is the raw one
        assertThat(t.rows().get(1).face().smoothed().emotion()).isEqualTo(t.rows().get(1).face().raw().emotion());
    }

    @Test
    void smoothingDampsAFlickeringLabel() throws Exception {
        Timeline t = new VideoAnalyzer(new Scripted(), new VideoOptions(TrackerOptions.defaults(), 0.5, 1))
                .analyze(clip(6), Optional.empty(), (frame, faces) -> { });
        // raw alternates angry/happy every 0.1 s; with a 0.5 s half-life the first label holds
        assertThat(t.rows()).allSatisfy(r -> assertThat(r.face().smoothed().emotion().label()).isEqualTo("angry"));
        assertThat(t.tracks()).singleElement().satisfies(s -> {
            assertThat(s.frames()).isEqualTo(6);
            assertThat(s.lastSeconds()).isEqualTo(0.5, org.assertj.core.api.Assertions.within(1e-6));
        });
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> new VideoOptions(TrackerOptions.defaults(), 0.3, 0)).hasMessageContaining("detectEvery");
        assertThatThrownBy(() -> new VideoOptions(TrackerOptions.defaults(), -1, 1)).hasMessageContaining("half-life");
    }
}
