package dev.deepfer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Batch normalisation over the channel axis of NCHW maps (Ioffe &amp; Szegedy, 2015), with the same
 * parameters as DJL's {@code BatchNorm} (gamma, beta, running mean and variance; momentum 0.9 in
 * DJL's convention, i.e. PyTorch's 0.1; ε = 1e-5). It exists for speed: DJL's block asks the
 * PyTorch engine for "axis 1", which the engine serves with two axis swaps and a sub-manager per
 * call; axis -1 is the PyTorch engine's signal for its native channel-axis batch norm. PyTorch
 * engine only. Saved parameters use DJL's BatchNorm encoding (version 2, input shapes, channels), so
 * checkpoints written with either block load into the other.
 */
public final class ChannelBatchNorm extends AbstractBlock {
    /** DJL BatchNorm's serialisation version, kept for checkpoint compatibility. */
    private static final byte VERSION = 2;
    private static final float MOMENTUM = 0.9f;
    /**
     * The weight of a training batch's statistics in the running ones ({@code running = (1 - w) *
     * running + w * batch}): PyTorch's momentum, as DJL's engine computes it from DJL's.
     */
    public static final float BATCH_STATISTICS_WEIGHT = 1f - MOMENTUM;
    private static final float EPSILON = 1e-5f;
    /** The PyTorch engine's code for "PyTorch's own layout" (channel axis 1). */
    private static final int ENGINE_NATIVE_AXIS = -1;

    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;
    private long channels;

    public ChannelBatchNorm() {
        super(VERSION);
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
        runningMean = addParameter(Parameter.builder().setName("runningMean").setType(Parameter.Type.RUNNING_MEAN)
                .optRequiresGrad(false).build());
        runningVar = addParameter(Parameter.builder().setName("runningVar").setType(Parameter.Type.RUNNING_VAR)
                .optRequiresGrad(false).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        var device = x.getDevice();
        return x.getNDArrayInternal().batchNorm(x, ps.getValue(runningMean, device, training),
                ps.getValue(runningVar, device, training), ps.getValue(gamma, device, training),
                ps.getValue(beta, device, training), ENGINE_NATIVE_AXIS, MOMENTUM, EPSILON, training);
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        channels = inputShapes[0].get(1);
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape s = new Shape(channels);
        gamma.setShape(s);
        beta.setShape(s);
        runningMean.setShape(s);
        runningVar.setShape(s);
    }

    @Override
    protected void saveMetadata(java.io.DataOutputStream os) throws java.io.IOException {
        saveInputShapes(os);
        os.writeLong(channels);
    }

    @Override
    public void loadMetadata(byte loadVersion, java.io.DataInputStream is)
            throws java.io.IOException, ai.djl.MalformedModelException {
        if (loadVersion == VERSION) {
            readInputShapes(is);
        } else if (loadVersion != 1) {
            throw new ai.djl.MalformedModelException("Unsupported batch-norm encoding version: " + loadVersion);
        }
        channels = is.readLong();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
