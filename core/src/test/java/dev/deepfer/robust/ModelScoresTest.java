package dev.deepfer.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.deepfer.data.FaceDataset;
import dev.deepfer.explain.TinyModels;
import dev.deepfer.infer.LoadedModel;
import dev.deepfer.infer.ModelBundle;
import dev.deepfer.infer.Models;
import dev.deepfer.model.Fusion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelScoresTest {
    @TempDir
    Path dir;

    @Test
    void aCalibratedCopyOfTheSameWeightsIsScoredOnItsOwnAndTwoDifferentModelsMayNotShareAName()
            throws IOException {
        Path plain = TinyModels.member(dir.resolve("plain"), "b", 2);
        Path calibrated = TinyModels.member(dir.resolve("calibrated"), "b-calibrated", 2);
        Path other = TinyModels.member(dir.resolve("other"), "b", 5);
        try (ModelBundle c = ModelBundle.load(calibrated)) {
            c.recordTemperature(3.0);
        }
        FaceDataset faces = TinyModels.faces(6, 7);

        try (LoadedModel p = Models.load(plain); LoadedModel c = Models.load(calibrated);
             LoadedModel o = Models.load(other)) {
            Map<String, float[][]> scored = new HashMap<>();
            ModelScores first = ModelScores.of(p, faces, scored);
            ModelScores second = ModelScores.of(c, faces, scored);
            assertThat(scored).as("same weights, another temperature: two entries").hasSize(2);
            assertThat(second.rows().get(0).logits()[0][0])
                    .isCloseTo(first.rows().get(0).logits()[0][0] / 3.0f, within(1e-5f));

            RobustnessBenchmark.checkRowNames(List.of(p, c));
            assertThatThrownBy(() -> RobustnessBenchmark.checkRowNames(List.of(p, o)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both called 'b'");
        }
    }

    @Test
    void membersSharedByTwoEnsemblesAreScoredOnceAndGiveTheSameRows() throws IOException {
        Path a = TinyModels.member(dir.resolve("a"), "a", 1);
        Path b = TinyModels.member(dir.resolve("b"), "b", 2);
        Path c = TinyModels.member(dir.resolve("c"), "c", 3);
        // each ensemble holds its own copy of the shared member b
        Path ab = TinyModels.ensemble(dir.resolve("ab"), List.of(a, b), Fusion.WEIGHTED_PROBABILITIES,
                new double[] {0.3, 0.7}, 1.0);
        Path bc = TinyModels.ensemble(dir.resolve("bc"), List.of(b, c), Fusion.WEIGHTED_PROBABILITIES,
                new double[] {0.6, 0.4}, 1.5);
        FaceDataset faces = TinyModels.faces(6, 7);

        try (LoadedModel first = Models.load(ab); LoadedModel second = Models.load(bc)) {
            Map<String, float[][]> scored = new HashMap<>();
            ModelScores one = ModelScores.of(first, faces, scored);
            assertThat(scored).hasSize(2);
            ModelScores two = ModelScores.of(second, faces, scored);
            assertThat(scored).as("b is not scored again").hasSize(3);
            assertThat(two.rows().get(0).logits()).as("b's logits are reused").isSameAs(one.rows().get(1).logits());

            ModelScores alone = ModelScores.of(second, faces);
            assertThat(two.rows()).hasSize(3);
            for (int r = 0; r < 3; r++) {
                assertThat(two.rows().get(r).name()).isEqualTo(alone.rows().get(r).name());
                assertThat(two.rows().get(r).logits()).isDeepEqualTo(alone.rows().get(r).logits());
            }
            assertThat(two.model().logits()[0]).hasSize(7);
            assertThat(two.model().logits()).isNotEqualTo(one.model().logits());
        }
    }
}
