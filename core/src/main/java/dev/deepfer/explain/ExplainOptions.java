package dev.deepfer.explain;

import java.util.List;

/**
 * How to explain.
 *
 * @param method          Grad-CAM or Grad-CAM++
 * @param layer           the {@code features} child whose output Grad-CAM explains; negative counts
 *                        from the end, {@code -1} (the default) is the last convolutional stage
 * @param attentionStages the {@code features} children whose CBAM spatial maps are shown; empty
 *                        means every stage that has CBAM
 */
public record ExplainOptions(CamMethod method, int layer, List<Integer> attentionStages) {

    public ExplainOptions {
        if (method == null) {
            throw new IllegalArgumentException("a CAM method is required");
        }
        attentionStages = List.copyOf(attentionStages);
    }

    /** Grad-CAM on the last convolutional stage, CBAM maps of every stage that has them. */
    public static ExplainOptions defaults() {
        return new ExplainOptions(CamMethod.GRAD_CAM, -1, List.of());
    }

    public ExplainOptions withMethod(CamMethod m) {
        return new ExplainOptions(m, layer, attentionStages);
    }

    public ExplainOptions withLayer(int l) {
        return new ExplainOptions(method, l, attentionStages);
    }

    public ExplainOptions withAttentionStages(List<Integer> stages) {
        return new ExplainOptions(method, layer, stages);
    }
}
