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

    /**
     * Finds one face whose box moves 10 pixels per frame from 20 pixels past the left edge; its
     * emotion alternates between two. Reports boxes cut to the 160x120 frame, as the aligner does.
     */
    private static final class Scripted implements FrameRecognizer {
        final List<String> calls = new ArrayList<>();
        final List<FaceBox> recognisedAt = new ArrayList<>();
        int frame;

        @Override
        public List<FaceBox> find(BufferedImage image) {
            calls.add("find");
            return List.of(new FaceBox(10 * frame - 20, 10, 100, 100, 1));
        }

        @Override
        public List<FaceEmotion> at(BufferedImage image, List<FaceBox> boxes) {
            calls.add("at");
            recognisedAt.addAll(boxes);
            return boxes.stream().map(this::face).toList();
        }

        private FaceEmotion face(FaceBox box) {
            float[] p = new float[7];
            p[frame++ % 2 == 0 ? 0 : 3] = 1;
            return FaceEmotion.of(box.clampedTo(160, 120), p);
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
        assertThat(scripted.calls).containsExactly("find", "at", "at", "at", "find", "at", "at", "at", "find", "at");
        assertThat(t.rows()).hasSize(7);
        assertThat(t.rows().stream().map(r -> r.face().trackId()).distinct()).containsExactly(1);
        // frames 1 and 2 are recognised at frame 0's box as found, reaching 20 px past the edge (not at the
        // reported box cut to the frame: the face would be aligned from another square); frame 3 has a fresh one
        assertThat(scripted.recognisedAt.stream().map(FaceBox::x)).containsExactly(-20, -20, -20, 10, 10, 10, 40);
        assertThat(t.rows().get(2).face().raw().box().x()).as("reported inside the frame").isZero();
        assertThat(t.rows().get(2).face().raw().box().width()).isEqualTo(80);
        assertThat(t.rows().get(3).face().raw().box().x()).isEqualTo(10);
        // smoothing off: the smoothed face is the raw one
        assertThat(t.rows().get(1).face().smoothed().emotion()).isEqualTo(t.rows().get(1).face().raw().emotion());
    }

    /**
     * With the detector every 30 frames (more than the 15 missed frames a track may have), a face
     * the detector misses once keeps its id when the next detection finds it: it was not looked for
     * in between, so those frames do not end its track.
     */
    @Test
    void aFaceMissedByOneDetectionKeepsItsIdWhenTheDetectorRunsRarely() throws Exception {
        FaceBox a = new FaceBox(0, 0, 50, 50, 1);
        FaceBox b = new FaceBox(100, 0, 50, 50, 1);
        FrameRecognizer twoFaces = new FrameRecognizer() {
            int detections;

            @Override
            public List<FaceBox> find(BufferedImage image) {
                // the second detection (frame 30) misses b
                return detections++ == 1 ? List.of(a) : List.of(a, b);
            }

            @Override
            public List<FaceEmotion> at(BufferedImage image, List<FaceBox> boxes) {
                return boxes.stream().map(this::face).toList();
            }

            private FaceEmotion face(FaceBox box) {
                float[] p = new float[7];
                p[3] = 1;
                return FaceEmotion.of(box, p);
            }
        };
        Timeline t = new VideoAnalyzer(twoFaces, new VideoOptions(TrackerOptions.defaults(), 0, 30))
                .analyze(clip(61), Optional.empty(), (frame, faces) -> { });
        assertThat(t.rows().stream().filter(r -> r.frame() == 60).map(r -> r.face().trackId()))
                .containsExactlyInAnyOrder(1, 2);
        assertThat(t.rows().stream().map(r -> r.face().trackId()).distinct()).containsExactlyInAnyOrder(1, 2);
        assertThat(t.rows().stream().filter(r -> r.face().trackId() == 2).count())
                .as("b on frames 0-29 and 60").isEqualTo(31);
    }

    /**
     * An analysis that fails half-way leaves the annotated video of an earlier run as it was, and no
     * unfinished file; one that completes replaces it.
     */
    @Test
    void onlyACompleteAnalysisReplacesTheAnnotatedVideo() throws Exception {
        Path input = clip(6);
        Path annotated = dir.resolve("out/annotated.mp4");
        java.nio.file.Files.createDirectories(annotated.getParent());
        java.nio.file.Files.writeString(annotated, "an earlier run's video");
        VideoAnalyzer analyzer = new VideoAnalyzer(new Scripted(), new VideoOptions(TrackerOptions.defaults(), 0, 1));

        assertThatThrownBy(() -> analyzer.analyze(input, Optional.of(annotated), (frame, faces) -> {
            if (frame.index() == 3) {
                throw new VideoException(VideoException.Reason.CORRUPT, "grey.mp4", "frame 3 cannot be decoded");
            }
        })).hasMessageContaining("frame 3");
        assertThat(annotated).hasContent("an earlier run's video");
        try (var files = java.nio.file.Files.list(annotated.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("annotated.mp4");
        }

        analyzer.analyze(input, Optional.of(annotated), (frame, faces) -> { });
        try (VideoReader copy = VideoReader.open(annotated)) {
            assertThat(copy.info().width()).isEqualTo(160);
            int frames = 0;
            while (copy.next().isPresent()) {
                frames++;
            }
            assertThat(frames).isEqualTo(6);
        }
        try (var files = java.nio.file.Files.list(annotated.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("annotated.mp4");
        }
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
