package dev.deepfer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * Runs a network in inference mode. Every call works in its own sub-manager, so nothing it
 * allocates outlives the call; safe to call from several threads.
 */
public final class NetworkClassifier implements FaceClassifier {
    private final Block network;
    private final NDManager manager;
    private final int inputSize;

    public NetworkClassifier(Block network, NDManager manager, int inputSize) {
        this.network = network;
        this.manager = manager;
        this.inputSize = inputSize;
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    public Block network() {
        return network;
    }

    @Override
    public float[][] logits(float[] images, int count) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(images, new Shape(count, 1, inputSize, inputSize));
            NDArray out = network.forward(new ParameterStore(scope, false), new NDList(x), false).head();
            int classes = (int) out.getShape().get(1);
            float[] flat = out.toFloatArray();
            float[][] result = new float[count][classes];
            for (int i = 0; i < count; i++) {
                System.arraycopy(flat, i * classes, result[i], 0, classes);
            }
            return result;
        }
    }
}
