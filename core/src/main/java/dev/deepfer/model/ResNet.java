package dev.deepfer.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import dev.deepfer.nn.Act;
import dev.deepfer.nn.BasicBlock;
import dev.deepfer.nn.Bottleneck;
import dev.deepfer.nn.Cbam;
import dev.deepfer.nn.CbamPlacement;
import dev.deepfer.nn.ConvBnAct;

import java.util.List;

/**
 * ResNet (He et al., 2016) with torchvision's layout, depths declared as data. With the ImageNet
 * stem, no attention, 3 channels and 1000 classes ResNet50 has exactly torchvision's 25,557,032
 * parameters.
 */
public final class ResNet {
    private static final int[] STAGE_WIDTHS = {64, 128, 256, 512};

    /** Block type and blocks per stage. */
    public enum Depth {
        R18(false, 2, 2, 2, 2),
        R34(false, 3, 4, 6, 3),
        R50(true, 3, 4, 6, 3),
        R101(true, 3, 4, 23, 3);

        private final boolean bottleneck;
        private final List<Integer> blocks;

        Depth(boolean bottleneck, Integer... blocks) {
            this.bottleneck = bottleneck;
            this.blocks = List.of(blocks);
        }

        public List<Integer> blocks() {
            return blocks;
        }

        public boolean bottleneck() {
            return bottleneck;
        }
    }

    private ResNet() {
    }

    public static FerNetwork build(Depth depth, NetworkOptions options) {
        Stem stem = options.stem();
        SequentialBlock features = new SequentialBlock().add(ConvBnAct.of(64, stem.kernel(), stem.stride(), Act.RELU));
        if (stem.maxPool()) {
            features.add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        }
        boolean blockCbam = options.cbam() == CbamPlacement.BLOCK;
        int channels = 64;
        for (int s = 0; s < STAGE_WIDTHS.length; s++) {
            int width = STAGE_WIDTHS[s];
            SequentialBlock stage = new SequentialBlock();
            for (int b = 0; b < depth.blocks().get(s); b++) {
                int stride = b == 0 && s > 0 ? 2 : 1;
                Block block = depth.bottleneck()
                        ? new Bottleneck(channels, width, stride, blockCbam)
                        : new BasicBlock(channels, width, stride, blockCbam);
                stage.add(block);
                channels = depth.bottleneck() ? width * Bottleneck.EXPANSION : width;
            }
            if (options.cbam() == CbamPlacement.STAGE) {
                stage.add(new Cbam(channels));
            }
            features.add(stage);
        }
        return new FerNetwork(features, options.classes(), options.dropout());
    }
}
