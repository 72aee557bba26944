package dev.deepfer.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import dev.deepfer.nn.Act;
import dev.deepfer.nn.Cbam;
import dev.deepfer.nn.CbamPlacement;
import dev.deepfer.nn.ConvBnAct;
import dev.deepfer.nn.MultiScaleBlock;
import dev.deepfer.nn.MultiScaleBlock.Branch;

import java.util.List;

/**
 * deepfer's own multi-scale CNN for 48x48 faces: a 3x3 stem, then four stages of
 * {@link MultiScaleBlock}s (parallel 1x1, 3x3 and 5x5 branches: receptive fields 1, 3
 * and 5 per layer) with 2x2 max pooling between stages, so each stage mixes fine local cues with
 * wider layout. Sized for 2 CPU cores: about 87 M convolution multiply-adds per 44x44 face with
 * the stride-2 stem, 388 M with the small (stride-1) stem, counted from {@link #STAGES} and {@link #BRANCHES}.
 */
public final class MultiScaleCnn {

    /** One stage: output channels, number of blocks, whether a 2x2 max pool follows. */
    public record Stage(int channels, int blocks, boolean pool) {
    }

    /** The stage table. */
    public static final List<Stage> STAGES = List.of(
            new Stage(64, 1, true),
            new Stage(128, 2, true),
            new Stage(256, 2, true),
            new Stage(512, 1, false));

    /** Branch mix of every block: 1x1 quarter, 3x3 half, 5x5 quarter (a dilated 3x3 was the first design). */
    public static final List<Branch> BRANCHES = List.of(
            new Branch(1, 1, 0.25),
            new Branch(3, 1, 0.5),
            new Branch(5, 1, 0.25));

    /** Stem width. */
    public static final int STEM_CHANNELS = 32;

    private MultiScaleCnn() {
    }

    public static FerNetwork build(NetworkOptions options) {
        SequentialBlock features = new SequentialBlock()
                .add(ConvBnAct.of(STEM_CHANNELS, 3, options.stem() == Stem.SMALL ? 1 : 2, Act.RELU));
        boolean blockCbam = options.cbam() == CbamPlacement.BLOCK;
        int channels = STEM_CHANNELS;
        for (Stage s : STAGES) {
            SequentialBlock stage = new SequentialBlock();
            for (int b = 0; b < s.blocks(); b++) {
                stage.add(new MultiScaleBlock(channels, s.channels(), BRANCHES, blockCbam));
                channels = s.channels();
            }
            if (options.cbam() == CbamPlacement.STAGE) {
                stage.add(new Cbam(channels));
            }
            if (s.pool()) {
                stage.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
            }
            features.add(stage);
        }
        return new FerNetwork(features, options.classes(), options.dropout());
    }
}
