package dev.deepfer.eval.corrupt;

import dev.deepfer.util.EnumNames;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The corruption families of the robustness benchmark, each with its parameters at severities 1
 * to 5, declared as a table in the manner of ImageNet-C (Hendrycks and Dietterich, ICLR 2019) but
 * sized for 48x48 grey faces: the noise, JPEG and lighting levels follow ImageNet-C's, blur radii
 * and patch sizes are scaled to the 48-pixel face, the occlusion bands sit on the eye row (0.365
 * of the height) and the mouth row (0.80) of the mean FER2013 face.
 *
 * <p>Every family draws the same random numbers at every severity (a noise field, an angle, a
 * patch centre, a sign), so for one seed the severities differ only in strength.
 */
public enum Corruption {
    /** Additive Gaussian noise; parameter: sigma as a fraction of the grey range. */
    GAUSSIAN_NOISE(Group.NOISE, Photometry::gaussianNoise,
            row(0.08), row(0.12), row(0.18), row(0.26), row(0.38)),
    /** Linear motion blur at a random angle; parameter: streak length in pixels. */
    MOTION_BLUR(Group.BLUR, Blur::motion,
            row(3), row(4.5), row(6), row(8), row(10)),
    /** Out-of-focus blur with a disc kernel; parameter: disc radius in pixels. */
    DEFOCUS_BLUR(Group.BLUR, Blur::defocus,
            row(1), row(1.5), row(2), row(2.5), row(3)),
    /** Under-exposure {@code gain * x^gamma}; parameters: gamma, gain. */
    LOW_LIGHT(Group.LIGHTING, Photometry::exposure,
            row(1.3, 0.8), row(1.6, 0.65), row(2.0, 0.5), row(2.4, 0.38), row(3.0, 0.28)),
    /** Over-exposure {@code min(1, gain * x^gamma)}; parameters: gamma, gain. */
    OVER_EXPOSURE(Group.LIGHTING, Photometry::exposure,
            row(0.85, 1.15), row(0.7, 1.3), row(0.55, 1.45), row(0.45, 1.65), row(0.35, 1.9)),
    /** A black square at a random place on the face; parameter: side as a fraction of the image. */
    OCCLUSION_PATCH(Group.OCCLUSION, Occlusion::randomPatch,
            row(0.15), row(0.22), row(0.30), row(0.38), row(0.46)),
    /** A black band across the eyes (sunglasses, a hand); parameters: centre row, height (fractions). */
    OCCLUSION_EYES(Group.OCCLUSION, Occlusion::band,
            row(0.365, 0.08), row(0.365, 0.125), row(0.365, 0.17), row(0.365, 0.21), row(0.365, 0.27)),
    /** A black band across the mouth (a mask, a hand); parameters: centre row, height (fractions). */
    OCCLUSION_MOUTH(Group.OCCLUSION, Occlusion::band,
            row(0.80, 0.08), row(0.80, 0.125), row(0.80, 0.17), row(0.80, 0.21), row(0.80, 0.27)),
    /** JPEG re-encoding; parameter: quality 1..100. */
    JPEG(Group.DIGITAL, Jpeg::recompress,
            row(25), row(18), row(15), row(10), row(7)),
    /** In-plane rotation by a random sign, the border filled with the edge pixels; parameter: angle in degrees. */
    ROTATION(Group.GEOMETRY, Resampling::rotate,
            row(6), row(10), row(15), row(20), row(30)),
    /** Downscale (area average) and upscale back (bilinear); parameter: the small side in pixels. */
    LOW_RESOLUTION(Group.DIGITAL, Resampling::lowResolution,
            row(32), row(24), row(16), row(12), row(8));

    /** Number of severities of every family. */
    public static final int SEVERITIES = 5;

    /** Kind of degradation, for grouping in reports. */
    public enum Group { NOISE, BLUR, LIGHTING, OCCLUSION, DIGITAL, GEOMETRY }

    /** One corruption step on a grey image of values 0..255. */
    @FunctionalInterface
    interface Op {
        /**
         * @param image  {@code size*size} grey values, row-major; may be modified
         * @param params this severity's row of the table
         * @return the corrupted image (possibly {@code image} itself), values may leave 0..255
         */
        float[] apply(float[] image, int size, double[] params, Random rng);
    }

    private final Group group;
    private final Op op;
    private final double[][] severities;

    Corruption(Group group, Op op, double[]... severities) {
        if (severities.length != SEVERITIES) {
            throw new IllegalStateException(name() + " declares " + severities.length + " severities");
        }
        this.group = group;
        this.op = op;
        this.severities = severities;
    }

    private static double[] row(double... params) {
        return params;
    }

    public Group group() {
        return group;
    }

    /** Lower-case, hyphenated name used at the CLI / JSON edge ({@code "motion-blur"}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The parameters of severity {@code 1..5}, a copy. */
    public double[] parameters(int severity) {
        return severities[checkSeverity(severity) - 1].clone();
    }

    /** Applies severity {@code 1..5} to a grey image of values 0..255 (the input may be modified). */
    float[] apply(float[] image, int size, int severity, Random rng) {
        return op.apply(image, size, severities[checkSeverity(severity) - 1], rng);
    }

    /** Parses a {@link #label()} or constant name, case-insensitively; lists the valid names on error. */
    public static Corruption parse(String name) {
        return EnumNames.lookup(Corruption.class, name, Corruption::label, "corruption");
    }

    /** Comma-separated labels. */
    public static String labels(List<Corruption> corruptions) {
        return corruptions.stream().map(Corruption::label).collect(Collectors.joining(", "));
    }

    static int checkSeverity(int severity) {
        if (severity < 1 || severity > SEVERITIES) {
            throw new IllegalArgumentException("severity must be in 1.." + SEVERITIES + ", got " + severity);
        }
        return severity;
    }
}
