package dev.deepfer.explain;

import dev.deepfer.util.EnumNames;

/**
 * How a class-activation map is made from a feature map {@code A} ({@code C} channels of
 * {@code H x W}) and the gradient {@code G = dy_c/dA} of the target's logit:
 * {@code cam = ReLU(sum_k w_k A_k)} with channel weights {@code w_k} chosen by the method.
 */
public enum CamMethod {
    /**
     * Grad-CAM (Selvaraju et al., ICCV 2017): {@code w_k = mean_ij G_kij}, the global-average-pooled
     * gradient.
     */
    GRAD_CAM("grad-cam"),
    /**
     * Grad-CAM++ (Chattopadhay et al., WACV 2018), in its usual closed form for an exponentiated
     * score: {@code a_kij = G^2 / (2 G^2 + sum_ab A_kab G^3)} (0 where {@code G = 0}) and
     * {@code w_k = sum_ij a_kij ReLU(G_kij)}, which weighs each location's positive gradient, so
     * several instances of a cue add up instead of averaging out. Costs nothing extra: the same
     * single gradient. Caution: behind a pooled linear head the gradient is constant per channel and
     * {@code w_k} tends to {@code 1 / mean(A_k)} for every channel with a positive class weight, so
     * the map is nearly a sum of normalised activations, little dependent on the class or the
     * weights; it fails Adebayo et al.'s randomisation check on deepfer's models (docs/EXPLAIN.md).
     */
    GRAD_CAM_PLUS_PLUS("grad-cam++");

    private final String id;

    CamMethod(String id) {
        this.id = id;
    }

    /** The name used by the CLI and the API. */
    public String id() {
        return id;
    }

    /** Looks a method up by {@link #id()} (or enum name); the error lists the valid names. */
    public static CamMethod of(String name) {
        return EnumNames.lookup(CamMethod.class, name, CamMethod::id, "CAM method");
    }

    /**
     * The raw map {@code ReLU(sum_k w_k A_k)} of one image, {@code area} values.
     *
     * @param activations {@code A}, {@code channels * area} values from {@code offsetA}
     * @param gradients   {@code G}, {@code channels * area} values from {@code offsetG}
     */
    public float[] map(float[] activations, int offsetA, float[] gradients, int offsetG, int channels, int area) {
        float[] cam = new float[area];
        for (int k = 0; k < channels; k++) {
            int a = offsetA + k * area;
            int g = offsetG + k * area;
            double w = weight(activations, a, gradients, g, area);
            if (w == 0) {
                continue;
            }
            for (int i = 0; i < area; i++) {
                cam[i] += (float) (w * activations[a + i]);
            }
        }
        for (int i = 0; i < area; i++) {
            cam[i] = Math.max(0, cam[i]);
        }
        return cam;
    }

    /** {@code w_k} of one channel whose activations start at {@code a} and gradients at {@code g}. */
    private double weight(float[] act, int a, float[] grad, int g, int area) {
        if (this == GRAD_CAM) {
            double sum = 0;
            for (int i = 0; i < area; i++) {
                sum += grad[g + i];
            }
            return sum / area;
        }
        double sumA = 0;
        for (int i = 0; i < area; i++) {
            sumA += act[a + i];
        }
        double w = 0;
        for (int i = 0; i < area; i++) {
            double gi = grad[g + i];
            if (gi <= 0) {
                continue; // ReLU(G) is 0 here, whatever a_kij is
            }
            double g2 = gi * gi;
            double denominator = 2 * g2 + sumA * g2 * gi;
            if (denominator != 0) {
                w += g2 / denominator * gi;
            }
        }
        return w;
    }
}
