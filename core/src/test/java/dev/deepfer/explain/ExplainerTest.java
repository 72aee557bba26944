package dev.deepfer.explain;

import dev.deepfer.data.Emotion;
import dev.deepfer.data.FaceDataset;
import dev.deepfer.data.TtaMode;
import dev.deepfer.eval.DatasetScorer;
import dev.deepfer.infer.LoadedModel;
import dev.deepfer.infer.Models;
import dev.deepfer.model.Fusion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Explanations of tiny random bundles: the maps' invariants, the sanity checks of Adebayo et al.
 * (2018) that can be run without a trained model, and the ensemble's combination with known
 * fusion weights.
 */
class ExplainerTest {
    private static final int FACES = 6;

    @TempDir
    static Path tmp;

    private static LoadedModel first;
    private static LoadedModel second;
    private static LoadedModel weighted;
    private static LoadedModel meanFused;
    private static FaceDataset faces;

    @BeforeAll
    static void bundles() throws IOException {
        Path a = TinyModels.member(tmp.resolve("a"), "a", 1);
        Path b = TinyModels.member(tmp.resolve("b"), "b", 2);
        first = Models.load(a);
        second = Models.load(b);
        weighted = Models.load(TinyModels.ensemble(tmp.resolve("weighted"), List.of(a, b),
                Fusion.WEIGHTED_PROBABILITIES, new double[] {0.75, 0.25}, 0.5));
        meanFused = Models.load(TinyModels.ensemble(tmp.resolve("mean"), List.of(a, b),
                Fusion.MEAN_PROBABILITIES, new double[] {0.75, 0.25}, 1.0));
        faces = TinyModels.faces(FACES, 9);
    }

    @AfterAll
    static void close() {
        for (LoadedModel m : new LoadedModel[] {first, second, weighted, meanFused}) {
            if (m != null) {
                m.close();
            }
        }
    }

    @Test
    void mapsAreFiniteNonNegativeNormalisedAndTheSizeOfTheInput() {
        for (CamMethod method : CamMethod.values()) {
            Explanations e = new Explainer(weighted, ExplainOptions.defaults().withMethod(method))
                    .explain(faces, Optional.empty());
            assertThat(e.faces()).hasSize(FACES);
            assertThat(e.members()).containsExactly("a", "b");
            for (FaceExplanation f : e.faces()) {
                assertThat(f.size()).isEqualTo(TinyModels.SIZE);
                assertThat(f.crop()).hasSize(TinyModels.SIZE * TinyModels.SIZE);
                assertThat(f.target()).isEqualTo(f.predicted());
                assertNormalised(f.ensembleMap(), false);
                for (MemberExplanation m : f.members()) {
                    assertNormalised(m.gradCam(), true);
                    assertThat(m.attention()).extracting(MemberExplanation.AttentionMap::stage)
                            .containsExactly(1, 2, 3, 4);
                    m.attention().forEach(a -> assertNormalised(a.map(), true));
                    assertNormalised(m.meanAttention().orElseThrow(), true);
                }
            }
        }
    }

    /** Finite, in [0, 1], input-sized; member maps (and rescaled attention) reach exactly 1. */
    private static void assertNormalised(HeatMap map, boolean peaksAtOne) {
        assertThat(map.width()).isEqualTo(TinyModels.SIZE);
        assertThat(map.height()).isEqualTo(TinyModels.SIZE);
        for (float v : map.values()) {
            assertThat(Float.isFinite(v)).isTrue();
            assertThat(v).isBetween(0f, 1f);
        }
        if (peaksAtOne) {
            assertThat(map.max()).isIn(0f, 1f);
        }
        assertThat(map.max()).isGreaterThan(0f);
    }

    @Test
    void explainingAnotherTargetChangesTheMap() {
        Explainer explainer = new Explainer(first, ExplainOptions.defaults());
        List<FaceExplanation> predicted = explainer.explain(faces, Optional.empty()).faces();
        int changed = 0;
        for (int i = 0; i < FACES; i++) {
            FaceExplanation p = predicted.get(i);
            Emotion other = Emotion.ofIndex((p.target().ordinal() + 3) % Emotion.COUNT);
            FaceExplanation o = explainer.explain(faces.select(new int[] {i}, "one"), Optional.of(other)).faces().get(0);
            assertThat(o.target()).isEqualTo(other);
            assertThat(o.probabilities()).containsExactly(p.probabilities(), within(1e-6f));
            if (MapStatistics.spearman(p.ensembleMap(), o.ensembleMap()) < 0.9) {
                changed++;
            }
        }
        assertThat(changed).as("faces whose map changed with the target").isGreaterThanOrEqualTo(FACES - 1);
    }

    /**
     * Adebayo et al.'s model-randomisation check: the same architecture with re-initialised weights
     * must explain the same faces differently (mean rank correlation below 0.5), at every layer.
     * Grad-CAM only: Grad-CAM++ fails it by construction with a pooled linear head (see
     * {@link SanityChecksTest}).
     */
    @Test
    void reinitialisedWeightsGiveUncorrelatedMaps() {
        for (int layer : new int[] {-1, -2, -3}) {
            ExplainOptions options = ExplainOptions.defaults().withLayer(layer);
            List<FaceExplanation> a = new Explainer(first, options).explain(faces, Optional.of(Emotion.HAPPY)).faces();
            List<FaceExplanation> b = new Explainer(second, options).explain(faces, Optional.of(Emotion.HAPPY)).faces();
            double sum = 0;
            for (int i = 0; i < FACES; i++) {
                sum += MapStatistics.spearman(a.get(i).ensembleMap(), b.get(i).ensembleMap());
            }
            assertThat(sum / FACES).as("layer %d", layer).isLessThan(0.5);
        }
    }

    /** The ensemble map is exactly the members' maps weighted by the fusion weights (0.75 / 0.25). */
    @Test
    void ensembleCombinesTheMembersMapsWithTheFusionWeights() {
        Explanations e = new Explainer(weighted, ExplainOptions.defaults()).explain(faces, Optional.empty());
        List<FaceExplanation> alone = new ArrayList<>();
        for (int i = 0; i < FACES; i++) {
            Optional<Emotion> target = Optional.of(e.faces().get(i).target());
            alone.add(new Explainer(first, ExplainOptions.defaults())
                    .explain(faces.select(new int[] {i}, "one"), target).faces().get(0));
        }
        float[][] recognised = DatasetScorer.probabilities(weighted, weighted.normalization(), faces, TtaMode.NONE, 8);
        for (int i = 0; i < FACES; i++) {
            FaceExplanation f = e.faces().get(i);
            MemberExplanation a = f.members().get(0);
            MemberExplanation b = f.members().get(1);
            assertThat(a.weight()).isEqualTo(0.75);
            assertThat(b.weight()).isEqualTo(0.25);
            float[] expected = new float[TinyModels.SIZE * TinyModels.SIZE];
            for (int p = 0; p < expected.length; p++) {
                expected[p] = 0.75f * a.gradCam().values()[p] + 0.25f * b.gradCam().values()[p];
            }
            assertThat(f.ensembleMap().values()).containsExactly(expected, within(1e-6f));
            // a member's map inside the ensemble is its map on its own
            assertThat(a.gradCam().values()).containsExactly(alone.get(i).members().get(0).gradCam().values(),
                    within(1e-5f));
            assertThat(a.probabilities()).containsExactly(alone.get(i).probabilities(), within(1e-5f));
            // the explained probabilities are the recogniser's (fused, temperature 0.5)
            assertThat(f.probabilities()).containsExactly(recognised[i], within(1e-5f));
        }
    }

    /**
     * A member with a calibration temperature: the explained probabilities are still the
     * recogniser's (the Grad-CAM pass gives raw logits; they were fused uncalibrated).
     */
    @Test
    void aCalibratedMembersProbabilitiesAreTheRecognisers() throws IOException {
        Path c = TinyModels.member(tmp.resolve("calibrated"), "c", 3);
        try (LoadedModel calibrated = Models.load(c)) {
            calibrated.members().get(0).recordTemperature(2.5);
        }
        try (LoadedModel calibrated = Models.load(c)) {
            assertThat(calibrated.members().get(0).temperature()).isEqualTo(2.5);
            Explanations e = new Explainer(calibrated, ExplainOptions.defaults()).explain(faces, Optional.empty());
            float[][] recognised = DatasetScorer.probabilities(calibrated, calibrated.normalization(), faces,
                    TtaMode.NONE, 8);
            for (int i = 0; i < FACES; i++) {
                assertThat(e.faces().get(i).probabilities()).containsExactly(recognised[i], within(1e-5f));
                assertThat(e.faces().get(i).members().get(0).probabilities())
                        .containsExactly(recognised[i], within(1e-5f));
            }
        }
    }

    @Test
    void meanOfProbabilitiesFusionWeighsMembersEquallyWhateverTheStoredWeights() {
        FaceExplanation f = new Explainer(meanFused, ExplainOptions.defaults()).explain(faces, Optional.empty())
                .faces().get(0);
        assertThat(f.members()).extracting(MemberExplanation::weight).containsExactly(0.5, 0.5);
        float[] a = f.members().get(0).gradCam().values();
        float[] b = f.members().get(1).gradCam().values();
        for (int p = 0; p < a.length; p++) {
            assertThat(f.ensembleMap().values()[p]).isCloseTo(0.5f * (a[p] + b[p]), within(1e-6f));
        }
    }

    @Test
    void panelAndGalleryDrawEveryTile() {
        FaceExplanation f = new Explainer(weighted, ExplainOptions.defaults().withAttentionStages(List.of(2)))
                .explain(faces, Optional.of(Emotion.FEAR)).faces().get(0);
        assertThat(f.members().get(0).attention()).extracting(MemberExplanation.AttentionMap::stage).containsExactly(2);
        BufferedImage panel = ExplanationPanel.panel(f, 4);
        int side = TinyModels.SIZE * 4;
        // face, two members, the ensemble, two CBAM tiles, then the bars
        assertThat(panel.getWidth()).isGreaterThan(6 * side);
        assertThat(panel.getHeight()).isGreaterThan(side);
        BufferedImage gallery = ExplanationPanel.gallery("test", List.of(new ExplanationPanel.Entry(f, "one"),
                new ExplanationPanel.Entry(f, "two"), new ExplanationPanel.Entry(f, "three")), 2, 2);
        assertThat(gallery.getWidth()).isGreaterThan(2 * 2 * TinyModels.SIZE * 2);
        assertThat(ExplanationPanel.stack(List.of(panel, gallery)).getHeight())
                .isEqualTo(panel.getHeight() + gallery.getHeight());
    }

    @Test
    void anImageNeedsAnExplainerThatCanFindFaces() {
        Explainer crops = new Explainer(first, ExplainOptions.defaults());
        assertThatThrownBy(() -> crops.explain(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), Optional.empty()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("EmotionRecognizer");
        assertThat(crops.explain(List.of(), Optional.empty()).faces()).isEmpty();
    }
}
