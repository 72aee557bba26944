package dev.deepfer.eval.corrupt;

import dev.deepfer.data.FaceDataset;
import dev.deepfer.data.GreyImages;

import java.util.Random;

/**
 * Applies a {@link Corruption} at a severity to uint8 grey faces: one face with a caller's
 * {@link Random}, or a whole {@link FaceDataset} under a seed. In the dataset form each image gets
 * its own random stream derived from (seed, corruption, image index) but not from the severity,
 * so the result does not depend on batching or order and the severities of one image share their
 * random draws. Outputs are rounded and clamped to 0..255; shape and labels are kept.
 */
public final class Corruptions {
    private Corruptions() {
    }

    /** A corrupted copy of a {@code size x size} face. */
    public static byte[] apply(byte[] face, int size, Corruption corruption, int severity, Random rng) {
        if (size <= 0 || face.length != size * size) {
            throw new IllegalArgumentException(face.length + " bytes are not a " + size + "x" + size + " image");
        }
        float[] grey = new float[face.length];
        for (int i = 0; i < face.length; i++) {
            grey[i] = face[i] & 0xFF;
        }
        return GreyImages.toBytes(corruption.apply(grey, size, severity, rng));
    }

    /** Every image of {@code data} corrupted; the labels are unchanged. */
    public static FaceDataset apply(FaceDataset data, Corruption corruption, int severity, long seed) {
        Corruption.checkSeverity(severity);
        int size = data.imageSize();
        int area = size * size;
        byte[] pixels = new byte[data.count() * area];
        byte[] labels = new byte[data.count()];
        byte[] face = new byte[area];
        for (int i = 0; i < data.count(); i++) {
            data.copyImage(i, face, 0);
            byte[] out = apply(face, size, corruption, severity, random(seed, corruption, i));
            System.arraycopy(out, 0, pixels, i * area, area);
            labels[i] = (byte) data.label(i);
        }
        return new FaceDataset(data.source() + " [" + corruption.label() + " " + severity + "]", size, pixels,
                labels);
    }

    /** The random stream of image {@code index} under {@code seed} for {@code corruption}. */
    public static Random random(long seed, Corruption corruption, int index) {
        long h = seed * 0x9E3779B97F4A7C15L + corruption.ordinal() * 0xC2B2AE3D27D4EB4FL + index;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return new Random(h);
    }
}
