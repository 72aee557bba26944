package dev.deepfer.train;

import dev.deepfer.eval.corrupt.Corruption;
import dev.deepfer.eval.corrupt.CorruptionAugmentation;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * How command-line options change a base {@link TrainConfig} (an architecture's defaults or a
 * recipe) in the three fields that have parts: the loss, corruption augmentation and distillation.
 * A part not given keeps the base's value; a {@code null} option means "not given".
 */
public final class ConfigOverrides {
    /** Default largest corruption severity when neither the option nor the base sets one. */
    public static final int DEFAULT_MAX_SEVERITY = 3;
    /** Default distillation weight and temperature when neither the options nor the base set them. */
    public static final float DEFAULT_DISTILL_WEIGHT = 0.5f;
    public static final float DEFAULT_DISTILL_TEMPERATURE = 2f;

    private ConfigOverrides() {
    }

    /**
     * The loss: {@code kind} ({@code ce} or {@code focal+smoothing}) replaces the base's loss unless the base
     * is already of that kind; {@code gamma} and {@code smoothing} change the focal + smoothing mix (a
     * cross-entropy base becomes the reference mix first). Class weights are kept.
     */
    public static LossConfig loss(LossConfig base, String kind, Float gamma, Float smoothing) {
        boolean tuned = gamma != null || smoothing != null;
        LossConfig loss = base;
        if ("ce".equalsIgnoreCase(kind)) {
            if (tuned) {
                throw new IllegalArgumentException("--focal-gamma and --smoothing set the focal+smoothing loss, "
                        + "not --loss ce");
            }
            loss = isMix(base) ? LossConfig.crossEntropy() : base;
        } else if ("focal+smoothing".equalsIgnoreCase(kind)) {
            loss = isMix(base) ? base : LossConfig.focalPlusSmoothing();
        } else if (kind != null) {
            throw new IllegalArgumentException("unknown --loss '" + kind + "'; valid: focal+smoothing, ce");
        }
        if (tuned) {
            LossConfig mix = isMix(loss) ? loss : LossConfig.focalPlusSmoothing();
            loss = new LossConfig(gamma != null ? gamma : mix.focalGamma(), mix.focalWeight(),
                    smoothing != null ? smoothing : mix.smoothing(), mix.smoothingWeight(), null);
        }
        return loss.withClassWeights(base.classWeights());
    }

    /** Whether {@code loss} is a focal and/or smoothing mix rather than plain cross-entropy. */
    static boolean isMix(LossConfig loss) {
        return loss.focalWeight() > 0 || loss.smoothing() > 0;
    }

    /**
     * Corruption augmentation: each option replaces its part of the base's; without a base, a
     * probability is needed, and the severity and families default to 3 and all. A probability of 0
     * turns it off.
     */
    public static CorruptionAugmentation corruption(CorruptionAugmentation base, Double probability,
                                                    Integer maxSeverity, List<Corruption> families) {
        if (probability == null && maxSeverity == null && families == null) {
            return base;
        }
        if (probability != null && probability == 0) {
            if (maxSeverity != null || families != null) {
                throw new IllegalArgumentException("--corruption-augment 0 turns corruption augmentation off; "
                        + "--corruption-max-severity and --corruptions then mean nothing");
            }
            return null;
        }
        if (base == null && probability == null) {
            throw new IllegalArgumentException("--corruption-max-severity and --corruptions need "
                    + "--corruption-augment <probability> (or a recipe that has corruption augmentation)");
        }
        return new CorruptionAugmentation(
                probability != null ? probability : base.probability(),
                maxSeverity != null ? maxSeverity : base != null ? base.maxSeverity() : DEFAULT_MAX_SEVERITY,
                families != null ? families : base != null ? base.corruptions() : List.of(Corruption.values()));
    }

    /**
     * Distillation: {@code teacher} replaces the base's teacher, {@code weight} and {@code temperature} its
     * settings; {@code off} drops it. The teacher that results must pass {@code isBundle}.
     */
    public static Distillation distillation(Distillation base, Path teacher, Float weight, Float temperature,
                                            boolean off, Predicate<Path> isBundle) {
        if (off) {
            if (teacher != null || weight != null || temperature != null) {
                throw new IllegalArgumentException("--no-teacher cannot go with --teacher, --distill-weight or "
                        + "--distill-temperature");
            }
            return null;
        }
        if (teacher == null && base == null) {
            if (weight != null || temperature != null) {
                throw new IllegalArgumentException("--distill-weight and --distill-temperature need --teacher");
            }
            return null;
        }
        Path from = teacher != null ? teacher : Path.of(base.teacher());
        if (!isBundle.test(from)) {
            throw new IllegalArgumentException(teacher != null
                    ? "--teacher " + teacher + " is not a model bundle (no manifest)"
                    : "the recipe distils from " + from + ", which is not a model bundle here; give --teacher "
                    + "<bundle>, or --no-teacher to train without one");
        }
        return new Distillation(from.toAbsolutePath().normalize().toString(),
                weight != null ? weight : base != null ? base.weight() : DEFAULT_DISTILL_WEIGHT,
                temperature != null ? temperature : base != null ? base.temperature() : DEFAULT_DISTILL_TEMPERATURE);
    }
}
