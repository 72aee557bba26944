package dev.deepfer.infer;

import dev.deepfer.data.BatchAssembler;
import dev.deepfer.data.Emotion;
import dev.deepfer.data.FaceDataset;
import dev.deepfer.data.TtaMode;
import dev.deepfer.eval.DatasetScorer;
import dev.deepfer.explain.ExplainOptions;
import dev.deepfer.explain.Explainer;
import dev.deepfer.explain.Explanations;
import dev.deepfer.explain.FaceExplanation;
import dev.deepfer.explain.HeatMap;
import dev.deepfer.explain.MemberExplanation;
import dev.deepfer.explain.TinyModels;
import dev.deepfer.model.Fusion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * An ensemble whose members take different crop sizes (a 48-pixel member beside 44-pixel ones, here
 * 16 and 12 pixels of 20-pixel faces): each member must see exactly what it sees alone, its own
 * centre crop and its own test-time views, and its explanation maps sit at the centre of the frame.
 */
class MixedInputSizeEnsembleTest {
    private static final int BIG = TinyModels.SIZE;
    private static final int SMALL = TinyModels.SIZE - 4;
    private static final int FACES = 5;

    @TempDir
    static Path tmp;

    private static LoadedModel big;
    private static LoadedModel small;
    private static LoadedModel ensemble;
    private static FaceDataset faces;

    @BeforeAll
    static void bundles() throws IOException {
        Path a = TinyModels.member(tmp.resolve("big"), "big", 3);
        Path b = TinyModels.member(tmp.resolve("small"), "small", 4, SMALL);
        big = Models.load(a);
        small = Models.load(b);
        ensemble = Models.load(TinyModels.ensemble(tmp.resolve("mixed"), List.of(a, b),
                Fusion.WEIGHTED_PROBABILITIES, new double[] {0.4, 0.6}, 0.8));
        faces = TinyModels.faces(FACES, 11);
    }

    @AfterAll
    static void close() {
        for (LoadedModel m : new LoadedModel[] {big, small, ensemble}) {
            if (m != null) {
                m.close();
            }
        }
    }

    @Test
    void theEnsembleTakesTheLargestSideAndFusesWhatEachMemberGivesAlone() {
        assertThat(ensemble.inputSize()).isEqualTo(BIG);
        assertThat(small.inputSize()).isEqualTo(SMALL);
        float[][] alone0 = DatasetScorer.logits(big, ensemble.normalization(), faces, 8);
        float[][] alone1 = DatasetScorer.logits(small, ensemble.normalization(), faces, 8);
        float[][] fused = DatasetScorer.logits(ensemble, ensemble.normalization(), faces, 8);
        // the same through the one-array path: BIG-pixel crops, the small member cropping their centre
        BatchAssembler atBig = new BatchAssembler(ensemble.normalization(), BIG);
        float[][] direct = ensemble.logits(atBig.assembleViews(faces, range(FACES), TtaMode.NONE).images(), FACES);
        for (int i = 0; i < FACES; i++) {
            float[] expected = ensemble.ensemble().fuse(new float[][] {alone0[i], alone1[i]});
            assertThat(fused[i]).containsExactly(expected, within(1e-5f));
            assertThat(direct[i]).containsExactly(expected, within(1e-5f));
        }
        // the small member's own output differs from what it gives on the big crop's corner: the crop matters
        float[] corner = small.logits(cornerCrops(atBig.assembleViews(faces, range(1), TtaMode.NONE).images()), 1)[0];
        assertThat(corner).isNotEqualTo(alone1[0]);
    }

    @Test
    void tenCropGivesEachMemberItsOwnViews() {
        int views = TtaMode.TEN_CROP.views();
        float[][] probs = DatasetScorer.probabilities(ensemble, ensemble.normalization(), faces, TtaMode.TEN_CROP, 64);
        float[][] v0 = big.logits(new BatchAssembler(big.normalization(), BIG)
                .assembleViews(faces, range(FACES), TtaMode.TEN_CROP).images(), FACES * views);
        float[][] v1 = small.logits(new BatchAssembler(small.normalization(), SMALL)
                .assembleViews(faces, range(FACES), TtaMode.TEN_CROP).images(), FACES * views);
        for (int i = 0; i < FACES; i++) {
            float[] mean = new float[v0[0].length];
            for (int v = 0; v < views; v++) {
                float[] p = DatasetScorer.softmax(ensemble.ensemble().fuse(new float[][] {v0[i * views + v], v1[i * views + v]}));
                for (int c = 0; c < p.length; c++) {
                    mean[c] += p[c] / views;
                }
            }
            assertThat(probs[i]).containsExactly(mean, within(1e-5f));
        }
    }

    @Test
    void explanationsPutTheSmallerMembersMapsAtTheCentreOfTheFrame() {
        Optional<Emotion> target = Optional.of(Emotion.HAPPY);
        Explanations e = new Explainer(ensemble, ExplainOptions.defaults()).explain(faces, target);
        Explanations alone = new Explainer(small, ExplainOptions.defaults()).explain(faces, target);
        float[][] probs = DatasetScorer.probabilities(ensemble, ensemble.normalization(), faces, TtaMode.NONE, 8);
        int border = (BIG - SMALL) / 2;
        double seen = 0;
        for (int i = 0; i < FACES; i++) {
            FaceExplanation f = e.faces().get(i);
            assertThat(f.size()).isEqualTo(BIG);
            assertThat(f.probabilities()).containsExactly(probs[i], within(1e-5f));
            assertThat(f.members().get(0).gradCam().width()).isEqualTo(BIG);
            MemberExplanation inEnsemble = f.members().get(1);
            MemberExplanation byItself = alone.faces().get(i).members().get(0);
            List<HeatMap[]> pairs = new ArrayList<>();
            pairs.add(new HeatMap[] {inEnsemble.gradCam(), byItself.gradCam()});
            for (int s = 0; s < inEnsemble.attention().size(); s++) {
                pairs.add(new HeatMap[] {inEnsemble.attention().get(s).map(), byItself.attention().get(s).map()});
            }
            for (HeatMap[] pair : pairs) {
                assertThat(pair[0].width()).isEqualTo(BIG);
                assertThat(pair[1].width()).isEqualTo(SMALL);
                for (int y = 0; y < BIG; y++) {
                    for (int x = 0; x < BIG; x++) {
                        boolean outside = x < border || y < border || x >= BIG - border || y >= BIG - border;
                        float expected = outside ? 0 : pair[1].at(x - border, y - border);
                        assertThat(pair[0].at(x, y)).as("(%d, %d)", x, y).isCloseTo(expected, within(1e-5f));
                        seen += expected;
                    }
                }
            }
        }
        assertThat(seen).as("the small member's maps are not all zero").isPositive();
    }

    private static int[] range(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    /** The top-left SMALL x SMALL of one BIG x BIG image. */
    private static float[] cornerCrops(float[] image) {
        float[] out = new float[SMALL * SMALL];
        for (int y = 0; y < SMALL; y++) {
            System.arraycopy(image, y * BIG, out, y * SMALL, SMALL);
        }
        return out;
    }
}
