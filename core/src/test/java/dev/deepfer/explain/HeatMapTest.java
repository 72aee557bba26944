package dev.deepfer.explain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Map arithmetic, CAM weights, the face region and rank correlation on hand-computed cases. */
class HeatMapTest {
    /**
     * A 2x2 map at stride 16 on a 44-pixel input (the last stage after 44 → 22 → 11 → 5 → 2): its
     * bottom cell is centred on row 23.5, not on row 32.5 where stretching puts it, and the rows
     * past the grid (32-43) hold the edge value. Known answers: row y reads grid row (y + 0.5) / 16 - 0.5.
     */
    @Test
    void aMapAtItsStrideHasItsCellsWhereTheyAre() {
        float[] bottomLeft = {0, 0, 1, 0};
        float[] at = HeatMap.resizeAtStride(bottomLeft, 2, 2, 16, 44, 44);
        float[] stretched = HeatMap.resize(bottomLeft, 2, 2, 44, 44);
        assertThat(at[8 * 44]).isCloseTo(0.03125f, within(1e-6f));
        assertThat(at[16 * 44]).isCloseTo(0.53125f, within(1e-6f));
        assertThat(at[24 * 44]).isCloseTo(1f, within(1e-6f));
        assertThat(at[43 * 44]).as("past the grid: the edge value").isCloseTo(1f, within(1e-6f));
        assertThat(stretched[16 * 44]).as("stretched: row 16 reads grid row 0.25").isCloseTo(0.25f, within(1e-6f));
        assertThat(at[24 * 44 + 30]).as("right cell is 0; x=30 reads grid column 1.40625").isCloseTo(0f, within(1e-6f));
        assertThat(HeatMap.resizeAtStride(bottomLeft, 2, 2, 22, 44, 44)).as("a grid covering the input")
                .containsExactly(stretched, within(1e-6f));
    }


    @Test
    void bilinearResizeAlignsPixelCentresLikePyTorch() {
        // F.interpolate(tensor([[0., 1.], [2., 3.]])[None, None], size=4, mode="bilinear", align_corners=False)
        float[] out = HeatMap.resize(new float[] {0, 1, 2, 3}, 2, 2, 4, 4);
        assertThat(out).containsExactly(new float[] {
            0f, 0.25f, 0.75f, 1f,
            0.5f, 0.75f, 1.25f, 1.5f,
            1.5f, 1.75f, 2.25f, 2.5f,
            2f, 2.25f, 2.75f, 3f}, within(1e-6f));
        assertThat(HeatMap.resize(new float[] {7}, 1, 1, 3, 3)).containsOnly(7f);
    }

    @Test
    void peakNormalisationClipsNegativesAndPeaksAtOne() {
        assertThat(HeatMap.peakNormalised(2, 2, new float[] {-1, 0, 2, 4}).values())
                .containsExactly(0f, 0f, 0.5f, 1f);
        assertThat(HeatMap.peakNormalised(2, 1, new float[] {-3, -1}).values()).containsExactly(0f, 0f);
        assertThat(HeatMap.rangeNormalised(3, 1, new float[] {1, 2, 3}).values()).containsExactly(0f, 0.5f, 1f);
        assertThat(HeatMap.rangeNormalised(2, 1, new float[] {0.4f, 0.4f}).values()).containsExactly(0f, 0f);
        assertThatThrownBy(() -> HeatMap.peakNormalised(1, 1, new float[] {Float.NaN}))
                .hasMessageContaining("not finite");
        assertThatThrownBy(() -> new HeatMap(2, 2, new float[3])).hasMessageContaining("2x2");
    }

    @Test
    void ensembleMapIsTheFusionWeightedMeanOfTheMemberMaps() {
        HeatMap a = new HeatMap(2, 1, new float[] {1, 0});
        HeatMap b = new HeatMap(2, 1, new float[] {0, 1});
        HeatMap c = new HeatMap(2, 1, new float[] {0.5f, 0.5f});
        assertThat(HeatMap.weightedMean(List.of(a, b), new double[] {0.75, 0.25}).values())
                .containsExactly(0.75f, 0.25f);
        assertThat(HeatMap.weightedMean(List.of(a, b, c), new double[] {0.5, 0.3, 0.2}).values())
                .containsExactly(new float[] {0.6f, 0.4f}, within(1e-6f));
        assertThatThrownBy(() -> HeatMap.weightedMean(List.of(a), new double[] {0.5, 0.5}))
                .hasMessageContaining("1 maps but 2 weights");
        assertThatThrownBy(() -> HeatMap.weightedMean(List.of(a, new HeatMap(1, 2, new float[2])),
                new double[] {0.5, 0.5})).hasMessageContaining("differ in size");
    }

    /** Two channels of two cells: A = [[1, 2], [3, 0]], G = [[1, 1], [-1, -1]]. */
    @Test
    void camWeightsFollowTheirPapers() {
        float[] a = {1, 2, 3, 0};
        float[] g = {1, 1, -1, -1};
        // Grad-CAM: w = mean G = [1, -1]; ReLU(1*[1, 2] - [3, 0]) = [0, 2]
        assertThat(CamMethod.GRAD_CAM.map(a, 0, g, 0, 2, 2)).containsExactly(0f, 2f);
        // Grad-CAM++: channel 0: sum A = 3, a_ij = 1 / (2 + 3) = 0.2, w = 0.2 + 0.2 = 0.4;
        // channel 1 has no positive gradient: w = 0. ReLU(0.4 * [1, 2]) = [0.4, 0.8]
        assertThat(CamMethod.GRAD_CAM_PLUS_PLUS.map(a, 0, g, 0, 2, 2)).containsExactly(new float[] {0.4f, 0.8f},
                within(1e-6f));
        // offsets select the image inside a batch
        float[] batchA = {9, 9, 9, 9, 1, 2, 3, 0};
        assertThat(CamMethod.GRAD_CAM.map(batchA, 4, g, 0, 2, 2)).containsExactly(0f, 2f);
        assertThat(CamMethod.of("Grad-CAM++")).isEqualTo(CamMethod.GRAD_CAM_PLUS_PLUS);
        assertThatThrownBy(() -> CamMethod.of("lime")).hasMessageContaining("grad-cam, grad-cam++");
    }

    @Test
    void eyesNoseMouthBoxHoldsItsShareOfAUniformMap() {
        FaceRegion box = FaceRegion.EYES_NOSE_MOUTH;
        // 48-pixel face: columns 10..37 and rows 12..41 → 28 x 30; in the centre 44: the same pixels
        assertThat(box.uniformFraction(48, 48)).isCloseTo(28 * 30 / (48.0 * 48), within(1e-12));
        assertThat(box.uniformFraction(44, 48)).isCloseTo(28 * 30 / (44.0 * 44), within(1e-12));
        float[] inside = new float[44 * 44];
        float[] outside = new float[44 * 44];
        for (int y = 0; y < 44; y++) {
            for (int x = 0; x < 44; x++) {
                boolean in = box.contains(x, y, 44, 48);
                assertThat(in).isEqualTo(x >= 8 && x < 36 && y >= 10 && y < 40);
                (in ? inside : outside)[y * 44 + x] = 1;
            }
        }
        assertThat(box.massFraction(new HeatMap(44, 44, inside), 48)).isEqualTo(1.0);
        assertThat(box.massFraction(new HeatMap(44, 44, outside), 48)).isEqualTo(0.0);
        assertThat(box.massFraction(new HeatMap(44, 44, new float[44 * 44]), 48)).isNaN();
    }

    /**
     * What the box statistic can say about a 2x2 last-stage map: bilinear resizing is a partition
     * of unity, so a 2x2 map's share is a mix of its rows' shares — 34.7% for the top cells, 52.1%
     * for the bottom ones (the box sits low in the crop), whatever the left-right balance — while a
     * 5x5 map can put all its mass inside.
     */
    @Test
    void aTwoByTwoMapsShareOnlyMovesBetweenItsRowsShares() {
        FaceRegion box = FaceRegion.EYES_NOSE_MOUTH;
        double top = share(box, new float[] {1, 0, 0, 0}, 2);
        double bottom = share(box, new float[] {0, 0, 1, 0}, 2);
        assertThat(top).isCloseTo(0.3471, within(5e-4));
        assertThat(bottom).isCloseTo(0.5207, within(5e-4));
        assertThat(share(box, new float[] {0, 1, 0, 0}, 2)).isCloseTo(top, within(1e-9));
        assertThat(share(box, new float[] {1, 1, 1, 1}, 2)).isCloseTo(box.uniformFraction(44, 48), within(1e-6));
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < 20; i++) {
            float[] cells = {r.nextFloat(), r.nextFloat(), r.nextFloat(), r.nextFloat()};
            assertThat(share(box, cells, 2)).isBetween(top - 1e-9, bottom + 1e-9);
        }
        float[] centre = new float[25];
        centre[12] = 1;
        assertThat(share(box, centre, 5)).isEqualTo(1.0);
    }

    private static double share(FaceRegion box, float[] cells, int side) {
        return box.massFraction(new HeatMap(44, 44, HeatMap.resize(cells, side, side, 44, 44)), 48);
    }

    @Test
    void spearmanIsPearsonOfRanksWithTiesShared() {
        HeatMap a = new HeatMap(4, 1, new float[] {0.1f, 0.4f, 0.2f, 0.9f});
        HeatMap monotone = new HeatMap(4, 1, new float[] {1f, 5f, 2f, 30f});
        HeatMap reversed = new HeatMap(4, 1, new float[] {0.9f, 0.2f, 0.4f, 0.1f});
        assertThat(MapStatistics.spearman(a, monotone)).isCloseTo(1, within(1e-12));
        assertThat(MapStatistics.spearman(a, reversed)).isCloseTo(-1, within(1e-12));
        assertThat(MapStatistics.ranks(new float[] {3, 1, 3, 2})).containsExactly(3.5, 1, 3.5, 2);
        // ranks [1, 2, 3, 4] vs [1, 2.5, 2.5, 4]: r = 4.5 / sqrt(5 * 4.5)
        HeatMap tied = new HeatMap(4, 1, new float[] {0f, 1f, 1f, 2f});
        HeatMap plain = new HeatMap(4, 1, new float[] {0f, 1f, 2f, 3f});
        assertThat(MapStatistics.spearman(plain, tied)).isCloseTo(4.5 / Math.sqrt(5 * 4.5), within(1e-12));
        assertThat(MapStatistics.spearman(plain, new HeatMap(4, 1, new float[4]))).isZero();
    }
}
