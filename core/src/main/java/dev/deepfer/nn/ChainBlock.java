package dev.deepfer.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

/**
 * A block whose children run one after the other, each fed the previous one's output. The base
 * of the building blocks here: subclasses add their children in order and may override
 * {@link #forwardInternal} to add residual paths or gates; shapes and initialisation follow the
 * chain.
 */
public abstract class ChainBlock extends AbstractBlock {

    /** Runs the children in order. */
    protected NDList forwardChain(ParameterStore ps, NDList inputs, boolean training,
                                  PairList<String, Object> params) {
        NDList current = inputs;
        for (Pair<String, Block> child : children) {
            current = child.getValue().forward(ps, current, training, params);
        }
        return current;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return forwardChain(ps, inputs, training, params);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block child : children.values()) {
            child.initialize(manager, dataType, shapes);
            shapes = child.getOutputShapes(shapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block child : children.values()) {
            shapes = child.getOutputShapes(shapes);
        }
        return shapes;
    }
}
