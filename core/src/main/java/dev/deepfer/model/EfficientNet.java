package dev.deepfer.model;

import ai.djl.nn.SequentialBlock;
import dev.deepfer.nn.Act;
import dev.deepfer.nn.Cbam;
import dev.deepfer.nn.CbamPlacement;
import dev.deepfer.nn.ConvBnAct;
import dev.deepfer.nn.MbConv;

import java.util.List;

/**
 * EfficientNet (Tan &amp; Le, 2019) as in torchvision: the B0 stage table scaled by a variant's width
 * and depth multipliers in one place (channels rounded to multiples of 8, never below 90% of the
 * scaled value; repeats rounded up), squeeze-excitation in every MBConv, stochastic depth rising
 * linearly to 0.2 over the blocks, dropout before the classifier. With 3 channels and 1000
 * classes B3 has exactly torchvision's 12,233,232 parameters.
 */
public final class EfficientNet {

    /** One stage of the B0 baseline. */
    public record MbConvStage(int expand, int kernel, int stride, int inChannels, int outChannels, int repeats) {
    }

    /** EfficientNet-B0 stages (Table 1 of the paper). */
    public static final List<MbConvStage> B0_STAGES = List.of(
            new MbConvStage(1, 3, 1, 32, 16, 1),
            new MbConvStage(6, 3, 2, 16, 24, 2),
            new MbConvStage(6, 5, 2, 24, 40, 2),
            new MbConvStage(6, 3, 2, 40, 80, 3),
            new MbConvStage(6, 5, 1, 80, 112, 3),
            new MbConvStage(6, 5, 2, 112, 192, 4),
            new MbConvStage(6, 3, 1, 192, 320, 1));

    /** Compound-scaling coefficients: width, depth, native resolution, classifier dropout. */
    public enum Variant {
        B0(1.0, 1.0, 224, 0.2f),
        B1(1.0, 1.1, 240, 0.2f),
        B2(1.1, 1.2, 260, 0.3f),
        B3(1.2, 1.4, 300, 0.3f),
        B4(1.4, 1.8, 380, 0.4f);

        private final double width;
        private final double depth;
        private final int resolution;
        private final float dropout;

        Variant(double width, double depth, int resolution, float dropout) {
            this.width = width;
            this.depth = depth;
            this.resolution = resolution;
            this.dropout = dropout;
        }

        public int channels(int baseChannels) {
            return makeDivisible(baseChannels * width, 8);
        }

        public int repeats(int baseRepeats) {
            return (int) Math.ceil(baseRepeats * depth);
        }

        public int resolution() {
            return resolution;
        }

        public float dropout() {
            return dropout;
        }
    }

    /** Maximum stochastic-depth probability, reached by the last block. */
    public static final float STOCHASTIC_DEPTH = 0.2f;

    private EfficientNet() {
    }

    /** Rounds to the nearest multiple of {@code divisor}, never going below 90% of {@code v}. */
    static int makeDivisible(double v, int divisor) {
        int rounded = Math.max(divisor, (int) (v + divisor / 2.0) / divisor * divisor);
        return rounded < 0.9 * v ? rounded + divisor : rounded;
    }

    public static FerNetwork build(Variant variant, NetworkOptions options) {
        int stemChannels = variant.channels(B0_STAGES.get(0).inChannels());
        SequentialBlock features = new SequentialBlock()
                .add(ConvBnAct.of(stemChannels, 3, options.stem() == Stem.SMALL ? 1 : 2, Act.SILU));
        int total = B0_STAGES.stream().mapToInt(s -> variant.repeats(s.repeats())).sum();
        boolean blockCbam = options.cbam() == CbamPlacement.BLOCK;
        int index = 0;
        int channels = stemChannels;
        for (MbConvStage s : B0_STAGES) {
            SequentialBlock stage = new SequentialBlock();
            int out = variant.channels(s.outChannels());
            for (int r = 0; r < variant.repeats(s.repeats()); r++) {
                int expanded = makeDivisible(channels * (double) s.expand(), 8);
                float dropPath = STOCHASTIC_DEPTH * index / total;
                stage.add(new MbConv(channels, out, expanded, s.kernel(), r == 0 ? s.stride() : 1, dropPath,
                        blockCbam));
                channels = out;
                index++;
            }
            if (options.cbam() == CbamPlacement.STAGE) {
                stage.add(Cbam.nearIdentity(channels));
            }
            features.add(stage);
        }
        features.add(ConvBnAct.of(4 * channels, 1, 1, Act.SILU));
        return new FerNetwork(features, options.classes(), options.dropout());
    }
}
