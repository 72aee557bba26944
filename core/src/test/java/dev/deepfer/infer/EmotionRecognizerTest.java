package dev.deepfer.infer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deepfer.data.Emotion;
import dev.deepfer.data.ImageDecodeException;
import dev.deepfer.data.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** End to end on the shared sample photos with the committed default bundle. */
class EmotionRecognizerTest {
    private static EmotionRecognizer recognizer;
    private static Path samples;

    @BeforeAll
    static void load() throws IOException {
        Path bundle = Path.of("..", "models", "default");
        if (Files.isDirectory(bundle)) {
            recognizer = EmotionRecognizer.load(bundle);
        }
        samples = SharedData.samples().orElse(null);
    }

    @AfterAll
    static void close() {
        if (recognizer != null) {
            recognizer.close();
        }
    }

    private static void assumeReady() {
        Assumptions.assumeTrue(recognizer != null, "no default bundle in ../models/default: skipping");
        Assumptions.assumeTrue(samples != null, "shared samples not found (" + SharedData.describe() + "): skipping");
    }

    @Test
    void angryManHasOneAngryFaceAndTheJsonHasTheSharedShape() throws Exception {
        assumeReady();
        RecognitionResult r = recognizer.recognize(samples.resolve("angry_man.jpg"));
        assertThat(r.width()).isEqualTo(425);
        assertThat(r.height()).isEqualTo(521);
        assertThat(r.faces()).hasSize(1);
        FaceEmotion face = r.faces().get(0);
        assertThat(face.emotion()).isEqualTo(Emotion.ANGRY);
        double sum = face.probabilities().values().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(sum).isCloseTo(1.0, within(1e-4));
        assertThat(face.confidence()).isEqualTo(face.probabilities().get(Emotion.ANGRY));
        JsonNode json = r.toJson();
        assertThat(json.path("faces").get(0).path("emotion").asText()).isEqualTo("angry");
        assertThat(json.path("faces").get(0).path("box").path("width").asInt()).isEqualTo(face.box().width());
        assertThat(json.path("faces").get(0).path("probabilities").size()).isEqualTo(7);
    }

    @Test
    void anImageWithoutFacesGivesAnEmptyList() throws Exception {
        assumeReady();
        assertThat(recognizer.recognize(samples.resolve("faces-in-the-wild/dogs.jpg")).faces()).isEmpty();
    }

    @Test
    void badBytesAreRejectedWithTheReason() {
        assumeReady();
        assertThatThrownBy(() -> recognizer.recognize(new byte[0], "empty.jpg"))
                .isInstanceOf(ImageDecodeException.class).hasMessageContaining("empty.jpg");
        assertThatThrownBy(() -> recognizer.recognize("not an image".getBytes(), "text.png"))
                .isInstanceOf(ImageDecodeException.class).hasMessageContaining("text.png");
    }

    @Test
    void manyThreadsGetTheSameResultsAsOne() throws Exception {
        assumeReady();
        byte[] photo = Files.readAllBytes(samples.resolve("faces-in-the-wild/2008_007676.jpg"));
        List<FaceEmotion> reference = recognizer.recognize(photo, "group.jpg").faces();
        assertThat(reference).hasSizeGreaterThan(3);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<FaceEmotion>>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> recognizer.recognize(photo, "group.jpg").faces()));
            }
            for (Future<List<FaceEmotion>> f : futures) {
                List<FaceEmotion> got = f.get();
                assertThat(got).hasSameSizeAs(reference);
                for (int i = 0; i < got.size(); i++) {
                    assertThat(got.get(i).box()).isEqualTo(reference.get(i).box());
                    assertThat(got.get(i).emotion()).isEqualTo(reference.get(i).emotion());
                    assertThat(got.get(i).confidence()).isCloseTo(reference.get(i).confidence(), within(1e-5));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(Arrays.asList(Emotion.values())).contains(reference.get(0).emotion());
    }

    @Test
    void aBatchOfImagesGivesWhatEachImageGivesAloneAndKeepsBadOnesApart() throws Exception {
        assumeReady();
        byte[] group = Files.readAllBytes(samples.resolve("faces-in-the-wild/2008_007676.jpg"));
        byte[] angry = Files.readAllBytes(samples.resolve("angry_man.jpg"));
        byte[] dogs = Files.readAllBytes(samples.resolve("faces-in-the-wild/dogs.jpg"));
        List<ImageOutcome> batch = recognizer.recognizeAll(List.of(Map.entry("group.jpg", group),
                Map.entry("text.png", "not an image".getBytes()), Map.entry("angry.jpg", angry),
                Map.entry("dogs.jpg", dogs)));
        assertThat(batch).hasSize(4);
        assertThat(batch.get(1).isRead()).isFalse();
        assertThat(batch.get(1).failure().reason()).isEqualTo(ImageDecodeException.Reason.UNSUPPORTED_FORMAT);
        assertThat(batch.get(3).result().faces()).isEmpty();
        String[] names = {"group.jpg", "angry.jpg"};
        byte[][] bytes = {group, angry};
        for (int k = 0; k < 2; k++) {
            RecognitionResult alone = recognizer.recognize(bytes[k], names[k]);
            RecognitionResult inBatch = batch.get(2 * k).result();
            assertThat(inBatch.image()).isEqualTo(names[k]);
            assertThat(inBatch.width()).isEqualTo(alone.width());
            assertThat(inBatch.faces()).hasSameSizeAs(alone.faces()).isNotEmpty();
            for (int i = 0; i < alone.faces().size(); i++) {
                FaceEmotion a = alone.faces().get(i);
                FaceEmotion b = inBatch.faces().get(i);
                assertThat(b.box()).isEqualTo(a.box());
                assertThat(b.emotion()).isEqualTo(a.emotion());
                for (Emotion e : Emotion.values()) {
                    assertThat(b.probabilities().get(e)).isCloseTo(a.probabilities().get(e), within(1e-5));
                }
            }
        }
    }
}
