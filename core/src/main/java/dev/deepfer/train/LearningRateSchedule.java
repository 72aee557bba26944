package dev.deepfer.train;

/**
 * Learning rate as a function of the global step, plus the plateau state that depends on
 * validation results. Pure arithmetic, so a resumed run reproduces it from (step, plateau state).
 */
public final class LearningRateSchedule {
    /** Epochs without improvement before a plateau halving. */
    public static final int PLATEAU_PATIENCE = 3;

    private final ScheduleKind kind;
    private final double peak;
    private final long totalSteps;
    private final long warmupSteps;
    private double plateauScale = 1;
    private double plateauBest = Double.NEGATIVE_INFINITY;
    private int plateauWait;

    public LearningRateSchedule(ScheduleKind kind, double peak, long totalSteps, long warmupSteps) {
        java.util.Objects.requireNonNull(kind, "kind");
        if (!(peak > 0 && Double.isFinite(peak)) || totalSteps <= 0 || warmupSteps < 0 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("bad schedule: peak=" + peak + " total=" + totalSteps
                    + " warmup=" + warmupSteps);
        }
        this.kind = kind;
        this.peak = peak;
        this.totalSteps = totalSteps;
        this.warmupSteps = warmupSteps;
    }

    /** The learning rate for (0-based) step {@code step}. */
    public float at(long step) {
        double t = Math.min(step, totalSteps - 1);
        double lr = switch (kind) {
            case ONE_CYCLE -> oneCycle(t);
            case COSINE -> t < warmupSteps ? peak * (t + 1) / warmupSteps
                    : peak * 0.5 * (1 + Math.cos(Math.PI * (t - warmupSteps) / Math.max(1, totalSteps - warmupSteps)));
            case STEP -> t < warmupSteps ? peak * (t + 1) / warmupSteps
                    : peak * (t < 0.5 * totalSteps ? 1 : t < 0.75 * totalSteps ? 0.1 : 0.01);
            case PLATEAU -> t < warmupSteps ? peak * (t + 1) / warmupSteps : peak * plateauScale;
            case CONSTANT -> peak;
        };
        return (float) lr;
    }

    private double oneCycle(double t) {
        double start = peak / 25;
        double end = peak / 1e4;
        long rise = Math.max(1, warmupSteps);
        if (t < rise) {
            return start + (peak - start) * 0.5 * (1 - Math.cos(Math.PI * t / rise));
        }
        double p = (t - rise) / Math.max(1, totalSteps - 1 - rise);
        return end + (peak - end) * 0.5 * (1 + Math.cos(Math.PI * p));
    }

    /**
     * Feeds an epoch's validation metric (higher is better) after {@code stepsDone} steps; only
     * PLATEAU reacts, and only to epochs that ended after the warm-up (one still warming up is
     * expected not to improve on its best yet).
     */
    public void onEpochEnd(double metric, long stepsDone) {
        if (kind != ScheduleKind.PLATEAU || stepsDone <= warmupSteps) {
            return;
        }
        if (metric > plateauBest) {
            plateauBest = metric;
            plateauWait = 0;
        } else if (++plateauWait >= PLATEAU_PATIENCE) {
            plateauScale *= 0.5;
            plateauWait = 0;
        }
    }

    /** Plateau state for checkpoints: scale, best, wait. */
    public double[] plateauState() {
        return new double[] {plateauScale, plateauBest, plateauWait};
    }

    public void restorePlateauState(double[] s) {
        plateauScale = s[0];
        plateauBest = s[1];
        plateauWait = (int) s[2];
    }
}
