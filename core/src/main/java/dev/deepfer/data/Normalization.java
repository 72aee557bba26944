package dev.deepfer.data;

/**
 * Per-channel input normalisation {@code (x - mean) / std} for grey values {@code x} in [0,1].
 * Recorded in every model bundle so inference normalises exactly as training did.
 *
 * @param mean mean grey value of the training images, in [0,1]
 * @param std  standard deviation of the training grey values, positive
 */
public record Normalization(float mean, float std) {
    /**
     * Mean and population standard deviation of all pixels of the FER2013 {@code Training} split
     * (28,709 images, values /255), as computed by {@link #of(FaceDataset)} on the shared copy
     * (exactly 0.513565 and 0.306734). The often-quoted 0.5077 / 0.2550 do not match this copy,
     * whose pixels were decoded from a JPEG re-encoding of the release.
     */
    public static final Normalization FER2013 = new Normalization(0.51357f, 0.30673f);

    /** No normalisation: values stay in [0,1]. */
    public static final Normalization IDENTITY = new Normalization(0f, 1f);

    public Normalization {
        if (!Float.isFinite(mean) || !(std > 0f) || !Float.isFinite(std)) {
            throw new IllegalArgumentException("normalisation needs a finite mean and positive std, got mean "
                    + mean + ", std " + std);
        }
    }

    /** {@code (x - mean) / std}. */
    public float apply(float x) {
        return (x - mean) / std;
    }

    /** Normalises {@code values[from .. from+length)} in place. */
    public void applyInPlace(float[] values, int from, int length) {
        for (int i = from; i < from + length; i++) {
            values[i] = (values[i] - mean) / std;
        }
    }

    /** Mean and population standard deviation of every pixel of {@code data}, scaled to [0,1]. */
    public static Normalization of(FaceDataset data) {
        if (data.count() == 0) {
            throw new IllegalArgumentException("cannot compute a normalisation from no images: " + data.source());
        }
        int area = data.imageSize() * data.imageSize();
        byte[] image = new byte[area];
        long sum = 0;
        long sumSquares = 0;
        for (int i = 0; i < data.count(); i++) {
            data.copyImage(i, image, 0);
            for (byte b : image) {
                int v = b & 0xFF;
                sum += v;
                sumSquares += (long) v * v;
            }
        }
        double n = (double) data.count() * area;
        double mean = sum / n;
        double variance = Math.max(0, sumSquares / n - mean * mean);
        return new Normalization((float) (mean / 255), (float) (Math.sqrt(variance) / 255));
    }
}
