package dev.deepfer.data;

import java.util.Objects;

/**
 * What {@link Augmentation} does to a training face, as an immutable, validated spec that a
 * training run records for provenance. Geometry (crop, flip, rotation, scale, translation) is one
 * inverse affine warp; photometry (brightness, contrast) and random erasing (Zhong et al., 2020)
 * follow on the [0,1] values.
 *
 * @param outputSize           side of the output; smaller than the input means a random crop
 * @param padding              pixels added on every side before the random crop
 * @param border               what the padding and any pixel warped in from outside holds
 * @param hflipProbability     chance of a horizontal mirror
 * @param maxRotationDegrees   rotation drawn uniformly from {@code ±max}
 * @param minScale             smallest zoom factor (1 = none; 1.1 enlarges the face)
 * @param maxScale             largest zoom factor
 * @param maxTranslateFraction shift drawn uniformly from {@code ±max * inputSize} on each axis
 * @param brightness           brightness factor drawn from {@code [1-b, 1+b]}
 * @param contrast             contrast factor drawn from {@code [1-c, 1+c]}, around the image mean
 * @param erasingProbability   chance of erasing one rectangle with noise
 * @param erasingMinArea       smallest erased fraction of the output area
 * @param erasingMaxArea       largest erased fraction of the output area
 */
public record AugmentationConfig(
        int outputSize,
        int padding,
        Border border,
        double hflipProbability,
        double maxRotationDegrees,
        double minScale,
        double maxScale,
        double maxTranslateFraction,
        double brightness,
        double contrast,
        double erasingProbability,
        double erasingMinArea,
        double erasingMaxArea) {

    /** Value of pixels outside the input image. */
    public enum Border {
        /** Black. */
        ZERO,
        /** Mirror image of the inside, not repeating the edge pixel (as {@code numpy.pad(mode="reflect")}). */
        REFLECT
    }

    /** FER2013's 48x48 faces. */
    private static final int FER_SIZE = 48;

    public AugmentationConfig {
        Objects.requireNonNull(border, "border");
        if (outputSize <= 0) {
            throw new IllegalArgumentException("outputSize must be positive, got " + outputSize);
        }
        if (padding < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got " + padding);
        }
        requireIn("hflipProbability", hflipProbability, 0, 1);
        requireIn("maxRotationDegrees", maxRotationDegrees, 0, 180);
        requireIn("minScale", minScale, 0.1, 10);
        requireIn("maxScale", maxScale, minScale, 10);
        requireIn("maxTranslateFraction", maxTranslateFraction, 0, 0.5);
        requireIn("brightness", brightness, 0, 1);
        requireIn("contrast", contrast, 0, 1);
        requireIn("erasingProbability", erasingProbability, 0, 1);
        requireIn("erasingMinArea", erasingMinArea, 0, 1);
        requireIn("erasingMaxArea", erasingMaxArea, erasingMinArea, 1);
    }

    /**
     * Nothing random at 48x48: a face comes out unchanged (as values /255). A training run with a
     * smaller input size applies {@link #withOutputSize}, which makes this a random crop and nothing
     * else; train at 48 for no augmentation at all.
     */
    public static AugmentationConfig none() {
        return new AugmentationConfig(FER_SIZE, 0, Border.ZERO, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0);
    }

    /**
     * The usual FER2013 recipe: random 44x44 crop of the 48x48 face, flip, ±10° rotation, ±10%
     * zoom, ±20% brightness and contrast. Evaluate with {@link Augmentation#centre} or
     * {@link TtaMode#TEN_CROP} at 44.
     */
    public static AugmentationConfig standard() {
        return new AugmentationConfig(44, 0, Border.REFLECT, 0.5, 10, 0.9, 1.1, 0, 0.2, 0.2, 0, 0, 0);
    }

    /** {@link #standard()} plus ±15°, ±20% zoom, ±8% shift, ±30% photometry and random erasing half the time. */
    public static AugmentationConfig strong() {
        return new AugmentationConfig(44, 0, Border.REFLECT, 0.5, 15, 0.8, 1.2, 0.08, 0.3, 0.3, 0.5, 0.02, 0.2);
    }

    /** This config with another output size (the network's input side). */
    public AugmentationConfig withOutputSize(int size) {
        return new AugmentationConfig(size, padding, border, hflipProbability, maxRotationDegrees, minScale, maxScale,
                maxTranslateFraction, brightness, contrast, erasingProbability, erasingMinArea, erasingMaxArea);
    }

    private static void requireIn(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
    }
}
