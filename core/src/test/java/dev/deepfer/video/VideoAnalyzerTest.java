package dev.deepfer.video;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deepfer.data.Emotion;
import dev.deepfer.data.ImageDecoder;
import dev.deepfer.data.SharedData;
import dev.deepfer.infer.EmotionRecognizer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a clip made inside the test: a sample face photo sliding across a 640x480 canvas,
 * analysed with the committed default bundle.
 */
class VideoAnalyzerTest {
    private static final int FRAMES = 16;

    @TempDir
    static Path dir;

    private static EmotionRecognizer recognizer;
    private static Timeline timeline;
    private static Path annotated;
    private static final List<Integer> SEEN = new ArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        Path bundle = Path.of("..", "models", "default");
        Optional<Path> samples = SharedData.samples();
        if (!Files.isDirectory(bundle) || samples.isEmpty()) {
            return;
        }
        recognizer = EmotionRecognizer.load(bundle);
        BufferedImage photo = new ImageDecoder().decode(samples.get().resolve("angry_man.jpg")).image();
        Path clip = dir.resolve("moving-face.mp4");
        SyntheticVideo.movingPhoto(photo, 300, 640, 480, FRAMES, 10, clip);
        annotated = dir.resolve("annotated.mp4");
        timeline = new VideoAnalyzer(FrameRecognizer.of(recognizer), VideoOptions.defaults())
                .analyze(clip, Optional.of(annotated),
                (frame, faces) -> SEEN.add(frame.index()));
    }

    @AfterAll
    static void tearDown() {
        if (recognizer != null) {
            recognizer.close();
        }
    }

    private static void assumeReady() {
        Assumptions.assumeTrue(recognizer != null,
                "default bundle (../models/default) or shared samples (" + SharedData.describe() + ") missing: skipping");
    }

    @Test
    void oneFaceIsTrackedThroughTheClipAndTheAnnotatedCopyHasEveryFrame() throws Exception {
        assumeReady();
        assertThat(timeline.frames()).isEqualTo(FRAMES);
        assertThat(SEEN).hasSize(FRAMES);
        assertThat(timeline.rows()).hasSize(FRAMES);
        assertThat(timeline.rows().stream().map(TimelineRow::frame)).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, FRAMES).boxed().toList());
        Set<Integer> ids = timeline.rows().stream().map(r -> r.face().trackId()).collect(Collectors.toSet());
        assertThat(ids).containsExactly(1);
        // the box follows the photo from left to right
        assertThat(timeline.rows().get(FRAMES - 1).face().raw().box().x())
                .isGreaterThan(timeline.rows().get(0).face().raw().box().x() + 200);

        int written = 0;
        try (VideoReader r = VideoReader.open(annotated)) {
            assertThat(r.info().width()).isEqualTo(640);
            assertThat(r.info().height()).isEqualTo(480);
            while (r.next().isPresent()) {
                written++;
            }
        }
        assertThat(written).isEqualTo(FRAMES);

        Path csv = dir.resolve("timeline.csv");
        timeline.writeCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(FRAMES + 1);
        assertThat(lines.get(0)).isEqualTo(Timeline.csvHeader()).startsWith("frame,time_s,track,x,y,width,height,emotion");
        assertThat(lines.get(1).split(",")).hasSize(lines.get(0).split(",").length);

        Path png = dir.resolve("timeline.png");
        timeline.writePlot(png, "moving face", 4);
        BufferedImage plot = ImageIO.read(png.toFile());
        assertThat(plot.getWidth()).isEqualTo(1200);
    }

    @Test
    void smoothingReducesFrameToFrameChange() throws Exception {
        assumeReady();
        // the crop shifts against the pixel grid and the encoder's blocks from frame to frame, so
        // single-frame probabilities wobble although the face does not change
        double raw = 0;
        double smoothed = 0;
        List<TimelineRow> rows = timeline.rows();
        for (int i = 1; i < rows.size(); i++) {
            for (Emotion e : Emotion.values()) {
                raw += Math.abs(rows.get(i).face().raw().probabilities().get(e)
                        - rows.get(i - 1).face().raw().probabilities().get(e));
                smoothed += Math.abs(rows.get(i).face().smoothed().probabilities().get(e)
                        - rows.get(i - 1).face().smoothed().probabilities().get(e));
            }
        }
        assertThat(raw).isGreaterThan(0);
        assertThat(smoothed).isLessThan(0.5 * raw);
    }
}
