package dev.deepfer.cli;

import dev.deepfer.data.AugmentationConfig;
import dev.deepfer.data.FaceDataset;
import dev.deepfer.data.Fer2013Csv;
import dev.deepfer.data.Fer2013Split;
import dev.deepfer.data.Normalization;
import dev.deepfer.eval.corrupt.Corruption;
import dev.deepfer.infer.ModelBundle;
import dev.deepfer.infer.Models;
import dev.deepfer.model.Architecture;
import dev.deepfer.model.Stem;
import dev.deepfer.nn.CbamPlacement;
import dev.deepfer.train.ConfigOverrides;
import dev.deepfer.train.OptimizerKind;
import dev.deepfer.train.ScheduleKind;
import dev.deepfer.train.TrainConfig;
import dev.deepfer.train.TrainRecipe;
import dev.deepfer.train.TrainingResult;
import dev.deepfer.train.TrainingRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code deepfer train}: trains one member on FER2013 Training, validating on PublicTest. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train one network on FER2013 (Training split; PublicTest for validation and model selection).")
public final class TrainCommand implements Callable<Integer> {
    /** Options that say where things are or what to do with the run, not how it trains: free on --resume. */
    private static final Set<String> NOT_CONFIG = Set.of("--out", "--resume", "--bundle", "--data",
            "--keep-epoch-weights", "--help", "--version");

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--arch", description = "Architecture: ${COMPLETION-CANDIDATES} (or --recipe)",
            converter = ArchitectureConverter.class, completionCandidates = ArchitectureConverter.Names.class)
    Architecture arch;

    @Option(names = "--recipe", paramLabel = "<member|run>",
            description = "Start from the recipe of a member bundle (the training record in its manifest) or of a "
                    + "training run (its config.json) instead of --arch's defaults; the options given here "
                    + "override it, and --data replaces its data path.")
    Path recipe;

    @Option(names = "--out", required = true, description = "Run directory (config, metrics.jsonl, checkpoints).")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint, with its saved "
            + "config: options that would change it are refused.")
    boolean resume;

    @Option(names = "--bundle", description = "Write a model bundle of the best epoch here when training ends.")
    Path bundle;

    @Option(names = "--keep-epoch-weights", description = "Keep every epoch's parameters in the run directory "
            + "(epoch-NN.params, one network's size each) for 'deepfer bundle --average-last'.")
    boolean keepEpochWeights;

    @Option(names = "--epochs") Integer epochs;
    @Option(names = "--batch") Integer batch;
    @Option(names = "--lr", description = "Peak learning rate.") Float lr;
    @Option(names = "--weight-decay") Float weightDecay;
    @Option(names = "--optimizer", description = "adam, adamw, sgd") String optimizer;
    @Option(names = "--schedule", description = "one-cycle, cosine, step, plateau, constant") String schedule;
    @Option(names = "--warmup", description = "Warm-up epochs.") Float warmup;
    @Option(names = "--input-size", description = "Crop side fed to the network (48 = no crop).") Integer inputSize;
    @Option(names = "--stem", description = "imagenet or small") String stem;
    @Option(names = "--cbam", description = "none, block, stage (default: what --arch implies, or the recipe's)")
    String cbam;
    @Option(names = "--focal-gamma") Float focalGamma;
    @Option(names = "--smoothing") Float smoothing;
    @Option(names = "--loss", description = "focal+smoothing (default) or ce; with --recipe, the recipe's") String loss;
    @Option(names = "--augment",
            description = "none, standard, strong (none still takes a random crop when --input-size is below 48)")
    String augment;
    @Option(names = "--dropout") Float dropout;
    @Option(names = "--max-train", description = "Use at most this many training images (seeded sample).")
    Integer maxTrain;
    @Option(names = "--clip-grad-norm", paramLabel = "<norm>",
            description = "Clip the gradients' global L2 norm to this before each update (0 = off).")
    Float clipGradNorm;
    @Option(names = "--patience", description = "Early-stopping patience in epochs (0 = off).") Integer patience;
    @Option(names = "--seed") Long seed;
    @Option(names = "--corruption-augment", paramLabel = "<p>",
            description = "Corrupt this fraction of training faces before augmentation (robustness lever; 0 = off).")
    Double corruptionProbability;
    @Option(names = "--corruption-max-severity",
            description = "Largest severity drawn (1..5; default 3, or the recipe's).")
    Integer corruptionMaxSeverity;
    @Option(names = "--corruptions", split = ",", description = "Families for --corruption-augment (default: all): "
            + "${COMPLETION-CANDIDATES}", completionCandidates = CorruptionNames.class)
    List<String> corruptions;
    @Option(names = "--teacher", paramLabel = "<bundle>",
            description = "Distil from this model bundle (member or ensemble): its probabilities of every training "
                    + "face, computed once, become soft targets.")
    Path teacher;
    @Option(names = "--distill-weight",
            description = "Share of the distillation term in the loss, in (0, 1] (default: 0.5, or the recipe's).")
    Float distillWeight;
    @Option(names = "--distill-temperature",
            description = "Softening temperature of teacher and student (default: 2, or the recipe's).")
    Float distillTemperature;
    @Option(names = "--no-teacher", description = "Train without the recipe's teacher.")
    boolean noTeacher;

    /** Corruption labels for the help text. */
    static final class CorruptionNames extends java.util.ArrayList<String> {
        CorruptionNames() {
            super(java.util.Arrays.stream(Corruption.values()).map(Corruption::label).toList());
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!resume && Files.exists(out.resolve("last.ckpt"))) {
            throw new IllegalArgumentException(out + " already holds a run; pass --resume to continue it or choose "
                    + "another directory");
        }
        Path csv = data.fer2013();
        TrainConfig config = buildConfig(csv);
        long t0 = System.nanoTime();
        Map<Fer2013Split, FaceDataset> splits = Fer2013Csv.load(csv);
        System.err.printf(Locale.ROOT, "loaded %s in %.1f s%n", csv, (System.nanoTime() - t0) / 1e9);
        TrainingRun run = new TrainingRun(config, out, splits.get(Fer2013Split.TRAINING),
                splits.get(Fer2013Split.PUBLIC_TEST), Normalization.FER2013, System.err);
        run.keepingEpochWeights(keepEpochWeights);
        if (config.distillation() != null) {
            run.withTeacher(Models.teacher(Path.of(config.distillation().teacher())));
        }
        TrainingResult result = run.run(resume);
        System.out.printf(Locale.ROOT, "best PublicTest %s %.4f at epoch %d (%d epochs, %.1f min); best parameters: %s%n",
                config.selection().name().toLowerCase(Locale.ROOT), result.bestMetric(), result.bestEpoch(),
                result.epochsRun(), result.seconds() / 60, result.bestParams());
        System.out.println("training curves: " + Reports.trainingCurves(out, config.architecture().id()));
        if (bundle != null) {
            ModelBundle.fromTraining(bundle, config, result, Normalization.FER2013, Commands.commandLine());
            System.out.println("bundle written to " + bundle);
        }
        return 0;
    }

    private TrainConfig buildConfig(Path csv) throws IOException {
        Path saved = out.resolve("config.json");
        if (resume && Files.exists(saved)) {
            return resumed(TrainConfig.read(saved), csv);
        }
        TrainConfig config = fresh(csv);
        if (recipe != null && teacher == null && config.distillation() != null) {
            System.err.println("distilling from the recipe's teacher " + config.distillation().teacher());
        }
        return config;
    }

    /**
     * The saved config of the run in {@code --out}, which {@code --resume} continues unchanged (a
     * resumed run must be the run it continues). An option given here that would change it is
     * refused: one that, applied alone to the saved config, changes it; and {@code --recipe} unless
     * this command line builds the saved config afresh. Options that say where things are
     * ({@link #NOT_CONFIG}) are not compared.
     */
    private TrainConfig resumed(TrainConfig saved, Path csv) throws IOException {
        List<String> changing = new ArrayList<>();
        for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            String name = o.longestName();
            if (!NOT_CONFIG.contains(name) && !changing.contains(name) && !keeps(saved, o, csv)) {
                changing.add(name);
            }
        }
        if (!changing.isEmpty()) {
            throw new IllegalArgumentException("--resume continues the saved run in " + out + " unchanged (its "
                    + "config.json), but " + String.join(", ", changing) + " would change it; leave "
                    + (changing.size() == 1 ? "it" : "them") + " out, or train into another --out");
        }
        return saved;
    }

    /** Whether option {@code o}, as given, leaves {@code saved} as it is. */
    private boolean keeps(TrainConfig saved, OptionSpec o, Path csv) throws IOException {
        try {
            if (o.longestName().equals("--recipe")) {
                TrainConfig.Builder b = fresh(csv).toBuilder();
                b.data = saved.data();
                return b.build().equals(saved);
            }
            CommandLine alone = new CommandLine(new TrainCommand());
            alone.getCommandSpec().findOption(o.longestName()).setValue(o.getValue());
            return ((TrainCommand) alone.getCommand()).overridden(saved.toBuilder()).build().equals(saved);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The config of a new run: {@code --arch}'s defaults or the recipe, this data and the options given. */
    private TrainConfig fresh(Path csv) throws IOException {
        TrainConfig.Builder b = baseConfig(csv).toBuilder();
        b.data = csv.toString();
        try {
            return overridden(b).build();
        } catch (IllegalArgumentException e) {
            throw recipe == null ? e : new IllegalArgumentException(e.getMessage() + " (the values not given here "
                    + "are the recipe's, from " + recipe + ")", e);
        }
    }

    /** {@code b} with the options given here applied; each option not given keeps {@code b}'s value. */
    private TrainConfig.Builder overridden(TrainConfig.Builder b) {
        if (arch != null) b.architecture = arch;
        if (epochs != null) b.epochs = epochs;
        if (batch != null) b.batchSize = batch;
        if (lr != null) b.learningRate = lr;
        if (weightDecay != null) b.weightDecay = weightDecay;
        if (optimizer != null) b.optimizer = OptimizerKind.parse(optimizer);
        if (schedule != null) b.schedule = ScheduleKind.parse(schedule);
        if (warmup != null) b.warmupEpochs = warmup;
        if (inputSize != null) b.inputSize = inputSize;
        if (stem != null) b.stem = Commands.parseEnum(Stem.class, stem);
        if (cbam != null) b.cbam = Commands.parseEnum(CbamPlacement.class, cbam);
        if (augment != null) b.augmentation = switch (augment.toLowerCase(Locale.ROOT)) {
            case "none" -> AugmentationConfig.none();
            case "standard" -> AugmentationConfig.standard();
            case "strong" -> AugmentationConfig.strong();
            default -> throw new IllegalArgumentException("unknown --augment '" + augment
                    + "'; valid: none, standard, strong");
        };
        b.loss = ConfigOverrides.loss(b.loss, loss, focalGamma, smoothing);
        if (dropout != null) b.dropout = dropout;
        if (maxTrain != null) b.maxTrainImages = maxTrain;
        if (patience != null) b.patience = patience;
        if (clipGradNorm != null) b.gradClipNorm = clipGradNorm;
        if (seed != null) b.seed = seed;
        b.corruptionAugmentation = ConfigOverrides.corruption(b.corruptionAugmentation, corruptionProbability,
                corruptionMaxSeverity, corruptions == null ? null : corruptions.stream().map(Corruption::parse).toList());
        b.distillation = ConfigOverrides.distillation(b.distillation, teacher, distillWeight, distillTemperature,
                noTeacher, Models::isBundle);
        return b;
    }

    /** {@code --arch}'s defaults, or the recipe's config; exactly one of the two must be given. */
    private TrainConfig baseConfig(Path csv) throws IOException {
        if ((arch == null) == (recipe == null)) {
            throw new IllegalArgumentException(arch == null ? "give --arch or --recipe"
                    : "give --arch or --recipe, not both (the recipe fixes the architecture)");
        }
        return recipe == null ? TrainConfig.defaults(arch, csv.toString()) : TrainRecipe.read(recipe);
    }
}
