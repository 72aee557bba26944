package dev.deepfer.eval.corrupt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deepfer.data.FaceDataset;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Every corruption family: seeded, shape- and range-preserving, and stronger at every severity. */
class CorruptionsTest {
    private static final int SIZE = 48;
    private static final int IMAGES = 16;
    private static final long SEED = 5;
    private static final Set<Corruption> RANDOM = Set.of(Corruption.GAUSSIAN_NOISE, Corruption.MOTION_BLUR,
            Corruption.OCCLUSION_PATCH, Corruption.ROTATION);

    /**
     * Seeded synthetic faces with texture at several scales (for JPEG and blur) and no black pixel
     * (so an occluder always changes what it covers): a few random sinusoids plus pixel noise.
     */
    static FaceDataset faces() {
        Random r = new Random(1);
        byte[] pixels = new byte[IMAGES * SIZE * SIZE];
        byte[] labels = new byte[IMAGES];
        for (int i = 0; i < IMAGES; i++) {
            double[][] waves = new double[4][];
            for (int w = 0; w < waves.length; w++) {
                waves[w] = new double[] {r.nextGaussian() * 0.4, r.nextGaussian() * 0.4, r.nextDouble() * 6, 25 + 20 * r.nextDouble()};
            }
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    double v = 128 + 10 * r.nextGaussian();
                    for (double[] w : waves) {
                        v += w[3] * Math.sin(w[0] * x + w[1] * y + w[2]);
                    }
                    pixels[(i * SIZE + y) * SIZE + x] = (byte) Math.max(20, Math.min(240, Math.round(v)));
                }
            }
            labels[i] = (byte) (i % 7);
        }
        return new FaceDataset("synthetic", SIZE, pixels, labels);
    }

    @ParameterizedTest
    @EnumSource(Corruption.class)
    void sameSeedSameImagesAndOtherSeedOtherImages(Corruption c) {
        FaceDataset clean = faces();
        for (int severity = 1; severity <= Corruption.SEVERITIES; severity++) {
            assertThat(pixels(Corruptions.apply(clean, c, severity, SEED)))
                    .isEqualTo(pixels(Corruptions.apply(clean, c, severity, SEED)));
        }
        boolean differs = !Arrays.equals(pixels(Corruptions.apply(clean, c, 3, SEED)),
                pixels(Corruptions.apply(clean, c, 3, SEED + 1)));
        assertThat(differs).as("%s depends on the seed", c).isEqualTo(RANDOM.contains(c));
    }

    @ParameterizedTest
    @EnumSource(Corruption.class)
    void keepsShapeLabelsAndRange(Corruption c) {
        FaceDataset clean = faces();
        FaceDataset out = Corruptions.apply(clean, c, Corruption.SEVERITIES, SEED);
        assertThat(out.count()).isEqualTo(clean.count());
        assertThat(out.imageSize()).isEqualTo(SIZE);
        for (int i = 0; i < out.count(); i++) {
            assertThat(out.label(i)).isEqualTo(clean.label(i));
        }
        // values are clamped, not wrapped: a white face stays light and a black face dark
        assertThat(mean(Corruptions.apply(uniform(255), SIZE, c, Corruption.SEVERITIES, new Random(2))))
                .as("white under %s", c).isGreaterThan(c == Corruption.LOW_LIGHT ? 60 : 150);
        assertThat(mean(Corruptions.apply(uniform(0), SIZE, c, Corruption.SEVERITIES, new Random(2))))
                .as("black under %s", c).isLessThan(50);
    }

    @ParameterizedTest
    @EnumSource(Corruption.class)
    void severityIncreasesThePixelDistance(Corruption c) {
        FaceDataset clean = faces();
        double previous = 0;
        for (int severity = 1; severity <= Corruption.SEVERITIES; severity++) {
            double d = rmsDistance(clean, Corruptions.apply(clean, c, severity, SEED));
            assertThat(d).as("%s severity %d vs %d", c, severity, severity - 1).isGreaterThan(previous);
            previous = d;
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> Corruptions.apply(faces(), Corruption.JPEG, 6, SEED)).hasMessageContaining("1..5");
        assertThatThrownBy(() -> Corruptions.apply(new byte[10], SIZE, Corruption.JPEG, 1, new Random()))
                .hasMessageContaining("48x48");
        assertThatThrownBy(() -> Corruption.parse("fog")).hasMessageContaining("motion-blur");
        assertThat(Corruption.parse("Motion-Blur")).isEqualTo(Corruption.MOTION_BLUR);
        assertThat(Corruption.OCCLUSION_EYES.parameters(2)).containsExactly(0.365, 0.125);
    }

    @Test
    void augmentationCorruptsTheGivenShareAndKnowsWhatIsHeldOut() {
        byte[] face = faces().image(0);
        CorruptionAugmentation never = new CorruptionAugmentation(0, 3, java.util.List.of(Corruption.JPEG));
        Random rng = new Random(3);
        assertThat(never.apply(face, SIZE, rng)).isSameAs(face);
        assertThat(rng.nextLong()).as("no draw when off").isEqualTo(new Random(3).nextLong());
        CorruptionAugmentation always = new CorruptionAugmentation(1, 5, java.util.List.of(Corruption.OCCLUSION_EYES));
        assertThat(always.apply(face, SIZE, new Random(3))).isNotEqualTo(face);
        assertThat(always.heldOut()).hasSize(Corruption.values().length - 1).doesNotContain(Corruption.OCCLUSION_EYES);
        FaceDataset batch = always.apply(faces(), new int[] {3, 1}, new Random(4));
        assertThat(batch.count()).isEqualTo(2);
        assertThat(batch.label(0)).isEqualTo(3);
        assertThatThrownBy(() -> new CorruptionAugmentation(0.5, 3, java.util.List.of()))
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> new CorruptionAugmentation(1.5, 3, java.util.List.of(Corruption.JPEG)))
                .hasMessageContaining("[0, 1]");
    }

    /**
     * The occlusion bands sit where their names say on the 48x48 face: the eyes band over row 17-18
     * (FER2013's mean face has its eyes darkest on row 17), the mouth band over row 38, each leaving
     * the other alone; at severity 1 a band is about 4 rows high.
     */
    @Test
    void theBandsCoverTheEyesAndTheMouth() {
        byte[] eyes = Corruptions.apply(uniform(200), SIZE, Corruption.OCCLUSION_EYES, 1, new Random(2));
        byte[] mouth = Corruptions.apply(uniform(200), SIZE, Corruption.OCCLUSION_MOUTH, 1, new Random(2));
        for (int col : new int[] {0, 24, 47}) {
            assertThat(at(eyes, 17, col)).as("eyes band, row 17").isZero();
            assertThat(at(eyes, 11, col)).as("above the eyes band").isEqualTo(200);
            assertThat(at(eyes, 38, col)).as("the eyes band leaves the mouth").isEqualTo(200);
            assertThat(at(mouth, 38, col)).as("mouth band, row 38").isZero();
            assertThat(at(mouth, 17, col)).as("the mouth band leaves the eyes").isEqualTo(200);
        }
    }

    /**
     * Rotation turns the picture: a bright horizontal line through the centre stays bright at the
     * centre and, 20 px to the right, leaves row 24 for about row 24 +- 11.5 (tan 30 x 20) at severity 5.
     */
    @Test
    void rotationTurnsALineThroughTheCentre() {
        byte[] line = uniform(30);
        for (int x = 0; x < SIZE; x++) {
            for (int y = 23; y <= 24; y++) {
                line[y * SIZE + x] = (byte) 230;
            }
        }
        byte[] turned = Corruptions.apply(line, SIZE, Corruption.ROTATION, Corruption.SEVERITIES, new Random(4));
        assertThat(Math.max(at(turned, 23, 23), at(turned, 24, 24))).as("the centre stays on the line")
                .isGreaterThan(150);
        assertThat(Math.max(at(turned, 23, 44), at(turned, 24, 44))).as("row 24 away from the centre").isLessThan(100);
        int moved = 0;
        for (int row = 9; row <= 38; row++) {
            if (Math.abs(row - 23.5) >= 8 && at(turned, row, 44) > 150) {
                moved = Math.max(moved, (int) Math.round(Math.abs(row - 23.5)));
            }
        }
        assertThat(moved).as("rows the line moved to at column 44").isBetween(9, 14);
    }

    private static int at(byte[] image, int row, int col) {
        return image[row * SIZE + col] & 0xFF;
    }

    private static byte[] uniform(int value) {
        byte[] b = new byte[SIZE * SIZE];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static double mean(byte[] image) {
        double s = 0;
        for (byte b : image) {
            s += b & 0xFF;
        }
        return s / image.length;
    }

    private static byte[] pixels(FaceDataset d) {
        byte[] all = new byte[d.count() * SIZE * SIZE];
        for (int i = 0; i < d.count(); i++) {
            d.copyImage(i, all, i * SIZE * SIZE);
        }
        return all;
    }

    private static double rmsDistance(FaceDataset a, FaceDataset b) {
        byte[] x = pixels(a);
        byte[] y = pixels(b);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double d = (x[i] & 0xFF) - (y[i] & 0xFF);
            s += d * d;
        }
        return Math.sqrt(s / x.length);
    }
}
