package dev.deepfer.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A classifier split into {@code features} (stem and stages, ending in the last convolutional
 * feature map) and {@code head} (global average pool → dropout → linear logits), so Grad-CAM,
 * ensembles and distillation reach the last feature map without surgery.
 */
public final class FerNetwork extends AbstractBlock {
    private final SequentialBlock features;
    private final SequentialBlock head;

    public FerNetwork(SequentialBlock features, int classes, float dropout) {
        this.features = addChildBlock("features", features);
        SequentialBlock h = new SequentialBlock()
                .add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Dropout.builder().optRate(dropout).build()) // always present: parameter names stay stable
                .add(Linear.builder().setUnits(classes).build());
        this.head = addChildBlock("head", h);
    }

    public SequentialBlock features() {
        return features;
    }

    public SequentialBlock head() {
        return head;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return head.forward(ps, features.forward(ps, inputs, training, params), training, params);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        features.initialize(manager, dataType, inputShapes);
        head.initialize(manager, dataType, features.getOutputShapes(inputShapes));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return head.getOutputShapes(features.getOutputShapes(inputShapes));
    }
}
