package dev.deepfer.explain;

import java.util.List;
import java.util.Optional;

/**
 * One member's view of one face: its own probabilities (its vote), its weight in the fusion, its
 * Grad-CAM map for the explained target and the CBAM attention of the chosen stages.
 *
 * @param name          the member bundle's name
 * @param weight        its effective fusion weight
 * @param probabilities its softmax, in {@link dev.deepfer.data.Emotion} order
 * @param gradCam       Grad-CAM (or Grad-CAM++) of the target in the explanation's frame (the
 *                      largest member input; a member with a smaller input fills its centre and
 *                      leaves a border of 0), peak 1 (all 0 when nothing supports the target)
 * @param attention     CBAM spatial attention of the chosen stages, in the same frame, each
 *                      rescaled to [0, 1]; empty for networks without CBAM
 */
public record MemberExplanation(String name, double weight, float[] probabilities, HeatMap gradCam,
                                List<AttentionMap> attention) {

    public MemberExplanation {
        probabilities = probabilities.clone();
        attention = List.copyOf(attention);
    }

    @Override
    public float[] probabilities() {
        return probabilities.clone();
    }

    /** The mean of the chosen stages' attention maps, rescaled to [0, 1]; empty without CBAM. */
    public Optional<HeatMap> meanAttention() {
        if (attention.isEmpty()) {
            return Optional.empty();
        }
        HeatMap first = attention.get(0).map();
        float[] sum = new float[first.width() * first.height()];
        for (AttentionMap a : attention) {
            float[] v = a.map().values();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += v[i];
            }
        }
        return Optional.of(HeatMap.rangeNormalised(first.width(), first.height(), sum));
    }

    /**
     * CBAM spatial attention of one stage: the mean of the stage's modules' maps
     * {@code sigmoid(conv7x7([avg; max]))}, resized to the input and rescaled to [0, 1].
     *
     * @param stage the {@code features} child it belongs to
     * @param map   the map
     */
    public record AttentionMap(int stage, HeatMap map) {
    }
}
