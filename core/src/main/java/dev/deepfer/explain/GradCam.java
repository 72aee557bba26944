package dev.deepfer.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.deepfer.model.FerNetwork;
import dev.deepfer.nn.AttentionProbe;
import dev.deepfer.nn.SpatialAttention;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Grad-CAM for one member network, plus the CBAM spatial attention maps its forward pass applies.
 *
 * <p>The network's {@code features} are cut after child {@code layer} (by default the last, so the
 * explained map is the last convolutional feature map {@code A}). One inference-mode pass gives
 * {@code A}, the logits and every CBAM map (through an {@link AttentionProbe}). Then, inside a
 * {@link GradientCollector}, the rest of the network runs on a gradient-tracking copy of {@code A}
 * repeated once per class, and one backward pass of {@code sum_c logit_c(copy c)} yields
 * {@code d logit_c / dA} for every class at once: any target can be explained afterwards, including
 * one the ensemble only picks after fusing all members.
 *
 * <p>The network's parameters are frozen on construction (only the feature map needs a gradient;
 * loaded bundles are inference-only). DJL's PyTorch engine allows one collecting
 * {@link GradientCollector} per process, so the gradient step is serialised by a process-wide
 * lock; it is the cheap part (the network's tail and one backward pass). Thread-safe.
 */
public final class GradCam {
    private static final ReentrantLock COLLECTOR = new ReentrantLock();

    private final FerNetwork network;
    private final int inputSize;
    private final int layer;
    private final Map<SpatialAttention, Integer> stageOf = new IdentityHashMap<>();
    /** Input pixels per cell of the explained map, and of each attention stage's maps. */
    private final double camStride;
    private final Map<Integer, Double> attentionStride = new java.util.HashMap<>();

    /**
     * @param network   an initialised network (each call works in its own NDManager)
     * @param inputSize side of its square input
     * @param layer     index of the {@code features} child whose output is explained; negative
     *                  counts from the end ({@code -1} = the last convolutional stage)
     */
    public GradCam(FerNetwork network, int inputSize, int layer) {
        int children = network.features().getChildren().size();
        int resolved = layer < 0 ? children + layer : layer;
        if (resolved < 0 || resolved >= children) {
            throw new IllegalArgumentException("layer " + layer + " is outside the " + children
                    + " feature stages (0.." + (children - 1) + ", or -1.." + (-children) + " from the end)");
        }
        this.network = network;
        this.inputSize = inputSize;
        this.layer = resolved;
        List<Block> stages = network.features().getChildren().values();
        for (int s = 0; s < stages.size(); s++) {
            collectAttention(stages.get(s), s);
        }
        network.freezeParameters(true);
        this.camStride = measureStrides();
    }

    /** Side of the input the strides are measured at: a power of two, so every halving is exact. */
    private static final int STRIDE_PROBE = 64;

    /**
     * The strides, from one pass over a {@value #STRIDE_PROBE}-pixel blank input (its sides halve
     * exactly, where a 44-pixel input's 11 → 5 pool drops a row): input side over grid side.
     */
    private double measureStrides() {
        try (NDManager scope = NDManager.newBaseManager()) {
            AttentionProbe probe = new AttentionProbe(scope);
            NDList x = new NDList(scope.zeros(new Shape(1, 1, STRIDE_PROBE, STRIDE_PROBE)));
            NDList atCut = runStages(probe, x, 0, layer + 1); // one pass: up to the cut, then the rest
            NDArray cut = atCut.head();
            runStages(probe, atCut, layer + 1, network.features().getChildren().size());
            for (AttentionProbe.Recorded r : probe.maps()) {
                Integer stage = stageOf.get(r.module());
                if (stage != null) {
                    attentionStride.put(stage, (double) STRIDE_PROBE / r.map().getShape().get(3));
                }
            }
            return (double) STRIDE_PROBE / cut.getShape().get(3);
        }
    }

    /** Input pixels per cell of the explained map (16 at the last stage of the stride-2-stem members). */
    public double camStride() {
        return camStride;
    }

    private void collectAttention(Block block, int stage) {
        if (block instanceof SpatialAttention sa) {
            stageOf.put(sa, stage);
        }
        for (Block child : block.getChildren().values()) {
            collectAttention(child, stage);
        }
    }

    /** The explained {@code features} child (resolved, from 0). */
    public int layer() {
        return layer;
    }

    /** The {@code features} children that hold CBAM spatial attention, in order. */
    public List<Integer> attentionStages() {
        return stageOf.values().stream().distinct().sorted().toList();
    }

    /**
     * What one member says about a batch of faces.
     *
     * @param logits    {@code [n][classes]}
     * @param camWidth  columns of the explained feature map
     * @param camHeight rows of the explained feature map
     * @param camStride input pixels per cell of that map (its grid may cover less than the input)
     * @param cams      {@code [n][classes][camHeight * camWidth]}: the raw (ReLU-ed, unnormalised)
     *                  class-activation map of every class
     * @param attention {@code features} child → {@code [n][inputSize * inputSize]}: the mean of that
     *                  stage's CBAM spatial maps, each resized to the input, values in (0, 1)
     */
    record Maps(float[][] logits, int camWidth, int camHeight, double camStride, float[][][] cams,
                SortedMap<Integer, float[][]> attention) {
    }

    /** Runs the member on {@code count} normalised {@code inputSize²} images (image after image). */
    Maps run(float[] images, int count, CamMethod method) {
        try (NDManager scope = NDManager.newBaseManager()) {
            AttentionProbe probe = new AttentionProbe(scope);
            NDList x = new NDList(scope.create(images, new Shape(count, 1, inputSize, inputSize)));
            NDArray a = runStages(probe, x, 0, layer + 1).head();
            NDArray out = tail(probe, new NDList(a)).head();
            int classes = (int) out.getShape().get(1);
            float[][] logits = rows(out.toFloatArray(), count, classes);
            Shape s = a.getShape();
            int channels = (int) s.get(1);
            int h = (int) s.get(2);
            int w = (int) s.get(3);
            float[] act = a.toFloatArray();
            float[] grad = classGradients(scope, a, count, classes);
            int area = h * w;
            float[][][] cams = new float[count][classes][];
            for (int i = 0; i < count; i++) {
                for (int c = 0; c < classes; c++) {
                    cams[i][c] = method.map(act, i * channels * area, grad, (i * classes + c) * channels * area,
                            channels, area);
                }
            }
            return new Maps(logits, w, h, camStride, cams, attention(probe, count));
        }
    }

    /** {@code d logit_c / dA} of every class c, {@code [count * classes, C, H, W]} flattened. */
    private float[] classGradients(NDManager scope, NDArray a, int count, int classes) {
        Shape s = a.getShape();
        NDArray copies = a.stopGradient().expandDims(1).repeat(1, classes)
                .reshape(count * classes, s.get(1), s.get(2), s.get(3));
        NDArray pick = scope.eye(classes).tile(new long[] {count, 1});
        COLLECTOR.lock();
        try (GradientCollector collector = scope.getEngine().newGradientCollector()) {
            copies.setRequiresGradient(true);
            NDArray logits = tail(new ParameterStore(scope, false), new NDList(copies)).head();
            collector.backward(logits.mul(pick).sum());
            return copies.getGradient().toFloatArray();
        } finally {
            COLLECTOR.unlock();
        }
    }

    private NDList runStages(ParameterStore ps, NDList x, int from, int to) {
        List<Block> stages = network.features().getChildren().values();
        NDList current = x;
        for (int i = from; i < to; i++) {
            current = stages.get(i).forward(ps, current, false);
        }
        return current;
    }

    private NDList tail(ParameterStore ps, NDList a) {
        NDList rest = runStages(ps, a, layer + 1, network.features().getChildren().size());
        return network.head().forward(ps, rest, false);
    }

    private SortedMap<Integer, float[][]> attention(AttentionProbe probe, int count) {
        SortedMap<Integer, float[][]> sums = new TreeMap<>();
        Map<Integer, Integer> modules = new TreeMap<>();
        int area = inputSize * inputSize;
        for (AttentionProbe.Recorded r : probe.maps()) {
            Integer stage = stageOf.get(r.module());
            if (stage == null) {
                continue;
            }
            Shape s = r.map().getShape();
            int h = (int) s.get(2);
            int w = (int) s.get(3);
            float[] values = r.map().toFloatArray();
            float[][] sum = sums.computeIfAbsent(stage, k -> new float[count][area]);
            for (int i = 0; i < count; i++) {
                float[] one = new float[h * w];
                System.arraycopy(values, i * h * w, one, 0, h * w);
                float[] resized = HeatMap.resizeAtStride(one, w, h, attentionStride.getOrDefault(stage,
                        (double) inputSize / w), inputSize, inputSize);
                for (int p = 0; p < area; p++) {
                    sum[i][p] += resized[p];
                }
            }
            modules.merge(stage, 1, Integer::sum);
        }
        sums.forEach((stage, maps) -> {
            int n = modules.get(stage);
            for (float[] map : maps) {
                for (int p = 0; p < map.length; p++) {
                    map[p] /= n;
                }
            }
        });
        return sums;
    }

    private static float[][] rows(float[] flat, int count, int width) {
        float[][] out = new float[count][width];
        for (int i = 0; i < count; i++) {
            System.arraycopy(flat, i * width, out[i], 0, width);
        }
        return out;
    }
}
