package dev.deepfer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.List;

/**
 * Parallel convolution branches with different receptive fields (1x1, 3x3, 5x5, or dilated …)
 * concatenated along channels, then fused by a 1x1 conv, with an identity residual when shapes
 * allow and optional CBAM on the fused map. Sees fine local cues (eye corners, mouth) and wider
 * layout in the same layer, Inception-style, at the cost of plain 3x3 convs.
 */
public final class MultiScaleBlock extends AbstractBlock {

    /** One branch: a k×k conv with the given dilation producing {@code share} of the channels. */
    public record Branch(int kernel, int dilation, double share) {
        public Branch {
            if (kernel <= 0 || dilation <= 0 || share <= 0 || share > 1) {
                throw new IllegalArgumentException("bad branch kernel=" + kernel + " dilation="
                        + dilation + " share=" + share);
            }
        }
    }

    private final List<Block> branches = new ArrayList<>();
    private final Block fuse;
    private final Block cbam;
    private final boolean residual;

    public MultiScaleBlock(int in, int out, List<Branch> specs, boolean cbam) {
        int assigned = 0;
        for (int i = 0; i < specs.size(); i++) {
            Branch s = specs.get(i);
            int c = i == specs.size() - 1 ? out - assigned : (int) Math.round(out * s.share());
            if (c <= 0) {
                throw new IllegalArgumentException("branch " + i + " of a " + out
                        + "-channel multi-scale block gets no channels; shares: " + specs);
            }
            assigned += c;
            branches.add(addChildBlock("branch" + i, ConvBnAct.dilated(c, s.kernel(), s.dilation(), Act.RELU)));
        }
        fuse = addChildBlock("fuse", ConvBnAct.of(out, 1, 1, Act.NONE));
        this.cbam = cbam ? addChildBlock("cbam", new Cbam(out)) : null;
        this.residual = in == out;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList parts = new NDList(branches.size());
        for (Block b : branches) {
            parts.add(b.forward(ps, inputs, training, params).head());
        }
        NDArray y = fuse.forward(ps, new NDList(NDArrays.concat(parts, 1)), training, params).head();
        if (cbam != null) {
            y = cbam.forward(ps, new NDList(y), training, params).head();
        }
        if (residual) {
            y = y.addi(inputs.head()); // in place: y is the fuse batch-norm or attention output, not kept for backward
        }
        return new NDList(Act.RELU.apply(y));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long channels = 0;
        Shape branchOut = null;
        for (Block b : branches) {
            b.initialize(manager, dataType, inputShapes);
            branchOut = b.getOutputShapes(inputShapes)[0];
            channels += branchOut.get(1);
        }
        Shape concat = new Shape(branchOut.get(0), channels, branchOut.get(2), branchOut.get(3));
        fuse.initialize(manager, dataType, concat);
        if (cbam != null) {
            cbam.initialize(manager, dataType, fuse.getOutputShapes(new Shape[] {concat}));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        Shape out = fuse.getOutputShapes(new Shape[] {in})[0];
        return new Shape[] {new Shape(in.get(0), out.get(1), in.get(2), in.get(3))};
    }
}
