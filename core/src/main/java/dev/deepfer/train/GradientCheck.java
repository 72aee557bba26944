package dev.deepfer.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import dev.deepfer.model.Architecture;
import dev.deepfer.model.FerNetwork;
import dev.deepfer.model.NetworkOptions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A network's gradient at initialisation on one seeded random batch (the training loss, training
 * mode): its global L2 norm, the parameters that carry most of it, and whether repeating the very
 * same forward and backward pass (same input, same dropout and stochastic-depth masks) gives the
 * same norm every time. A norm far above the attention-off network's flags a badly scaled design;
 * passes that differ, or are not finite, flag a fault that is not the model's (as DJL's arithmetic with
 * Java numbers was: see {@link dev.deepfer.nn.Scalars}). For a pass that is not finite it names the
 * parameters whose gradient is not.
 */
public final class GradientCheck {

    /** One parameter's gradient norm. */
    public record ParameterNorm(String name, float norm) {
    }

    /**
     * A pass whose gradient norm was not finite: where the fault shows.
     *
     * @param pass            index of the pass, from 0
     * @param loss            the loss of that pass (NaN when the forward pass already failed)
     * @param nonFiniteLogits how many logits were not finite
     * @param nonFinite       the parameters whose gradient holds a NaN or infinity, in network order; backward
     *                        runs from the output, so the last of them is nearest to where the fault started
     */
    public record Fault(int pass, float loss, long nonFiniteLogits, List<String> nonFinite) {
    }

    /**
     * @param norms   global gradient norm of each repeated pass, in order
     * @param largest the parameters with the largest gradients in the first pass, largest first
     * @param faults  the passes whose norm was not finite
     */
    public record Result(List<Float> norms, List<ParameterNorm> largest, List<Fault> faults) {
        public float first() {
            return norms.get(0);
        }

        /** Passes whose norm is not finite. */
        public long nonFinite() {
            return norms.stream().filter(n -> !Float.isFinite(n)).count();
        }

        /** Passes whose norm differs from the first pass's (NaN counts as different). */
        public long differing() {
            return norms.stream().filter(n -> Float.compare(n, first()) != 0).count();
        }
    }

    private GradientCheck() {
    }

    /**
     * @param repeats number of identical passes (at least 1)
     * @param top     how many of the largest parameter gradients to report
     */
    public static Result run(Architecture architecture, NetworkOptions options, int batch, int size, int repeats,
                             int top, long seed) {
        if (batch < 2 || size < 16 || repeats < 1 || top < 0) {
            throw new IllegalArgumentException("need batch >= 2, size >= 16, repeats >= 1 and top >= 0, got batch "
                    + batch + ", size " + size + ", repeats " + repeats + ", top " + top);
        }
        try (NDManager root = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed((int) seed);
            FerNetwork net = architecture.build(options);
            Shape input = new Shape(batch, options.inputChannels(), size, size);
            net.initialize(root, DataType.FLOAT32, input);
            // Held as Java arrays and copied into each pass's manager: results of an op live in its
            // input's manager, so an input held by the root would keep every pass's activations alive.
            float[] images = root.randomNormal(input).toFloatArray();
            float[] labels = root.randomInteger(0, options.classes(), new Shape(batch), DataType.INT32)
                    .toType(DataType.FLOAT32, false).toFloatArray();
            Loss loss = Losses.create(LossConfig.focalPlusSmoothing());
            Gradients gradients = new Gradients(net.getParameters());
            List<Float> norms = new ArrayList<>();
            List<ParameterNorm> largest = List.of();
            List<Fault> faults = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                try (NDManager pass = root.newSubManager()) {
                    NDArray x = pass.create(images, input);
                    NDArray y = pass.create(labels);
                    Engine.getInstance().setRandomSeed((int) seed + 1);
                    NDArray logits;
                    NDArray value;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        logits = net.forward(new ParameterStore(pass, false), new NDList(x), true).head();
                        value = loss.evaluate(new NDList(y), new NDList(logits));
                        gc.backward(value);
                    }
                    float norm = gradients.globalNorm(pass);
                    norms.add(norm);
                    if (!Float.isFinite(norm)) {
                        long badLogits = logits.isNaN().logicalOr(logits.isInfinite()).countNonzero().getLong();
                        faults.add(new Fault(r, value.getFloat(), badLogits, gradients.nonFiniteGradients()));
                    }
                    if (r == 0) {
                        largest = largestGradients(net, top);
                    }
                    gradients.zero();
                }
            }
            return new Result(List.copyOf(norms), largest, List.copyOf(faults));
        }
    }

    private static List<ParameterNorm> largestGradients(FerNetwork net, int top) {
        List<ParameterNorm> all = new ArrayList<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            if (p.getValue().requiresGradient()) {
                try (NDArray g = p.getValue().getArray().getGradient(); NDArray n = g.norm()) {
                    all.add(new ParameterNorm(p.getKey(), n.getFloat()));
                }
            }
        }
        all.sort(Comparator.comparing(ParameterNorm::norm, Comparator.reverseOrder()));
        return List.copyOf(all.subList(0, Math.min(top, all.size())));
    }
}
