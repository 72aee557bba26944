package dev.deepfer.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.deepfer.data.AugmentationConfig;
import dev.deepfer.eval.corrupt.CorruptionAugmentation;
import dev.deepfer.model.Architecture;
import dev.deepfer.model.NetworkOptions;
import dev.deepfer.model.Stem;
import dev.deepfer.nn.CbamPlacement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Everything that defines a training run, immutable and saved as JSON next to its checkpoints so a
 * run can be resumed and a bundle can say how it was made.
 *
 * @param architecture     the network
 * @param cbam             CBAM placement (ablations override the architecture's default)
 * @param stem             stem type
 * @param inputSize        side of the crops fed to the network (the augmentation's output size)
 * @param batchSize        images per step
 * @param epochs           maximum epochs
 * @param optimizer        update rule
 * @param learningRate     peak learning rate
 * @param weightDecay      weight decay
 * @param momentum         SGD momentum
 * @param schedule         learning-rate schedule
 * @param warmupEpochs     warm-up length in epochs (may be fractional)
 * @param loss             loss mix
 * @param augmentation     training augmentation (its output size equals {@code inputSize})
 * @param dropout          dropout before the classifier
 * @param seed             seed of shuffling, augmentation, initialisation and dropout
 * @param patience         early-stopping patience in epochs (0 = off)
 * @param selection        metric for the best checkpoint
 * @param maxTrainImages   cap on training images (0 = all), for budget studies and tests
 * @param data             the training data's path, for provenance
 * @param corruptionAugmentation training-time corruptions before {@code augmentation}; null = none (and in
 *                         configs written before it existed)
 * @param gradClipNorm     clip the global L2 norm of the gradients to this value before each update
 *                         (0 = off, and in configs written before it existed)
 * @param distillation     knowledge distillation from a teacher bundle; null = none (and in configs
 *                         written before it existed)
 */
public record TrainConfig(
        Architecture architecture,
        CbamPlacement cbam,
        Stem stem,
        int inputSize,
        int batchSize,
        int epochs,
        OptimizerKind optimizer,
        float learningRate,
        float weightDecay,
        float momentum,
        ScheduleKind schedule,
        float warmupEpochs,
        LossConfig loss,
        AugmentationConfig augmentation,
        float dropout,
        long seed,
        int patience,
        SelectionMetric selection,
        int maxTrainImages,
        String data,
        CorruptionAugmentation corruptionAugmentation,
        float gradClipNorm,
        Distillation distillation) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public TrainConfig {
        if (architecture == null || cbam == null || stem == null || optimizer == null || schedule == null
                || loss == null || augmentation == null || selection == null) {
            throw new IllegalArgumentException("architecture, cbam, stem, optimizer, schedule, loss, "
                    + "augmentation and selection are required");
        }
        require(inputSize >= 16 && inputSize <= 512, "input size must be in 16..512, got " + inputSize);
        // an odd margin puts the evaluation's centre crop half a pixel off the training crops' mean
        int faces = dev.deepfer.data.Fer2013Csv.SIZE;
        require((faces - inputSize) % 2 == 0, "input size must differ from the " + faces
                + "-pixel faces by an even number (centred crops), got " + inputSize);
        require(batchSize >= 2, "batch size must be at least 2 (batch norm), got " + batchSize);
        require(epochs >= 1, "epochs must be at least 1, got " + epochs);
        require(learningRate > 0, "learning rate must be positive, got " + learningRate);
        require(weightDecay >= 0, "weight decay must be non-negative, got " + weightDecay);
        // a warm-up as long as the run leaves no room for the decay: one-cycle would end at its peak rate
        require(warmupEpochs >= 0 && (warmupEpochs < epochs || warmupEpochs == 0),
                "warm-up must be 0 or shorter than the " + epochs + " epoch(s), got " + warmupEpochs);
        require(gradClipNorm >= 0 && Float.isFinite(gradClipNorm),
                "gradient clipping norm must be finite and >= 0 (0 = off), got " + gradClipNorm);
        require(patience >= 0, "patience must be non-negative, got " + patience);
        require(maxTrainImages >= 0, "max train images must be non-negative, got " + maxTrainImages);
        require(augmentation.outputSize() == inputSize, "augmentation output size "
                + augmentation.outputSize() + " differs from input size " + inputSize);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * A sensible default for an architecture: AdamW one-cycle, weight decay 0.05 (the budget study's:
     * 5e-4, an SGD-style value, is about 1 % shrinkage over a run with decoupled decay and scored 1.3
     * points lower), focal + label smoothing, 44-pixel crops.
     */
    public static TrainConfig defaults(Architecture architecture, String data) {
        return new TrainConfig(architecture, architecture.defaultCbam(), Stem.IMAGENET, 44, 64, 30,
                OptimizerKind.ADAMW, 2e-3f, 0.05f, 0.9f, ScheduleKind.ONE_CYCLE, 3f,
                LossConfig.focalPlusSmoothing(), AugmentationConfig.standard().withOutputSize(44), 0.3f, 42L, 0,
                SelectionMetric.ACCURACY, 0, data, null, 0f, null);
    }

    /** The network options this config implies (grey input, 7 classes). */
    public NetworkOptions networkOptions() {
        return NetworkOptions.faces(cbam, stem).withDropout(dropout);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise config", e);
        }
    }

    public static TrainConfig fromJson(String json) throws IOException {
        return JSON.readValue(json, TrainConfig.class);
    }

    public static TrainConfig read(Path file) throws IOException {
        return fromJson(Files.readString(file));
    }

    /** Returns a copy with a field changed, for CLI overrides and studies. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable copy used to derive variants; validated again on {@link #build()}. */
    public static final class Builder {
        public Architecture architecture;
        public CbamPlacement cbam;
        public Stem stem;
        public int inputSize;
        public int batchSize;
        public int epochs;
        public OptimizerKind optimizer;
        public float learningRate;
        public float weightDecay;
        public float momentum;
        public ScheduleKind schedule;
        public float warmupEpochs;
        public LossConfig loss;
        public AugmentationConfig augmentation;
        public float dropout;
        public long seed;
        public int patience;
        public SelectionMetric selection;
        public int maxTrainImages;
        public String data;
        public CorruptionAugmentation corruptionAugmentation;
        public float gradClipNorm;
        public Distillation distillation;

        private Builder(TrainConfig c) {
            architecture = c.architecture;
            cbam = c.cbam;
            stem = c.stem;
            inputSize = c.inputSize;
            batchSize = c.batchSize;
            epochs = c.epochs;
            optimizer = c.optimizer;
            learningRate = c.learningRate;
            weightDecay = c.weightDecay;
            momentum = c.momentum;
            schedule = c.schedule;
            warmupEpochs = c.warmupEpochs;
            loss = c.loss;
            augmentation = c.augmentation;
            dropout = c.dropout;
            seed = c.seed;
            patience = c.patience;
            selection = c.selection;
            maxTrainImages = c.maxTrainImages;
            data = c.data;
            corruptionAugmentation = c.corruptionAugmentation;
            gradClipNorm = c.gradClipNorm;
            distillation = c.distillation;
        }

        public TrainConfig build() {
            return new TrainConfig(architecture, cbam, stem, inputSize, batchSize, epochs, optimizer,
                    learningRate, weightDecay, momentum, schedule, warmupEpochs, loss,
                    augmentation.withOutputSize(inputSize), dropout, seed, patience, selection, maxTrainImages,
                    data, corruptionAugmentation, gradClipNorm, distillation);
        }
    }
}
