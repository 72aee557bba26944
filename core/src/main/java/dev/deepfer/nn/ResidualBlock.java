package dev.deepfer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code out = act(dropPath(main(x)) + shortcut(x))}: the residual pattern shared by ResNet
 * bottlenecks, basic blocks and MBConv. The shortcut is the identity or a projection; a block
 * whose shapes change and has no projection runs without the residual. Stochastic depth
 * (Huang et al., 2016) drops the main branch per sample during training with probability
 * {@code dropPath} and rescales survivors by {@code 1/(1-p)}.
 */
public class ResidualBlock extends AbstractBlock {
    private final Block main;
    private final Block shortcut;
    private final boolean residual;
    private final Act outputAct;
    private final float dropPath;

    /**
     * @param main      the residual branch
     * @param shortcut  projection for the skip path, or {@code null} for the identity
     * @param residual  whether to add the skip path at all
     * @param outputAct activation after the addition
     * @param dropPath  stochastic-depth drop probability in [0, 1)
     */
    protected ResidualBlock(Block main, Block shortcut, boolean residual, Act outputAct, float dropPath) {
        if (dropPath < 0 || dropPath >= 1) {
            throw new IllegalArgumentException("drop-path probability must be in [0, 1), got " + dropPath);
        }
        this.main = addChildBlock("main", main);
        this.shortcut = shortcut == null ? null : addChildBlock("shortcut", shortcut);
        this.residual = residual;
        this.outputAct = outputAct;
        this.dropPath = dropPath;
    }

    /** The residual branch, e.g. for reaching a block's CBAM module. */
    public Block main() {
        return main;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDArray y = main.forward(ps, inputs, training, params).head();
        if (!residual) {
            return new NDList(outputAct.apply(y));
        }
        if (training && dropPath > 0) {
            y = dropPath(y, dropPath);
        }
        NDArray skip = shortcut == null ? x : shortcut.forward(ps, inputs, training, params).head();
        // In place, as PyTorch's ResNet does: y is a batch-norm, attention or drop-path output, none of which
        // backward needs, and a fresh activation-sized tensor per block costs page faults (see docs/RESULTS.md).
        return new NDList(outputAct.apply(y.addi(skip)));
    }

    /** Zeroes whole samples with probability p and rescales the rest by 1/(1-p). */
    static NDArray dropPath(NDArray y, float p) {
        NDManager m = y.getManager();
        NDArray keep = m.randomUniform(0f, 1f, new Shape(y.getShape().get(0), 1, 1, 1))
                .gte(p).toType(y.getDataType(), false);
        // The 1/(1-p) is applied to the mask, which needs no gradient: y.div(number) would leave autograd a
        // divisor in memory the garbage collector frees (see Scalars).
        return y.mul(keep.div(1 - p));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        main.initialize(manager, dataType, inputShapes);
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return main.getOutputShapes(inputShapes);
    }
}
