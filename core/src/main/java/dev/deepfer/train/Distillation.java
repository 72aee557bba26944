package dev.deepfer.train;

/**
 * Knowledge distillation from a trained teacher (Hinton, Vinyals and Dean, 2015): the student is
 * trained on {@code (1 - weight) * loss(label) + weight * T^2 * KL(teacher_T || student_T)}, where
 * both distributions are softened by the temperature {@code T}. The teacher's probabilities of every
 * training face are computed once, before the first epoch, on the unaugmented face and its mirror,
 * and kept in the run directory ({@link TeacherTargets}), so distillation costs one pass of the
 * teacher instead of one per step.
 *
 * @param teacher     the teacher's model bundle (a member or an ensemble), as given
 * @param weight      share of the distillation term, in (0, 1]
 * @param temperature softening temperature, &gt; 0
 */
public record Distillation(String teacher, float weight, float temperature) {
    public Distillation {
        if (teacher == null || teacher.isBlank()) {
            throw new IllegalArgumentException("distillation needs a teacher bundle");
        }
        if (!(weight > 0 && weight <= 1)) {
            throw new IllegalArgumentException("distillation weight must be in (0, 1], got " + weight);
        }
        if (!(temperature > 0) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("distillation temperature must be positive and finite, got "
                    + temperature);
        }
    }
}
