package dev.deepfer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.deepfer.data.AugmentationConfig.Border;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AugmentationTest {
    static final int S = 48;

    static byte[] randomImage(long seed) {
        byte[] img = new byte[S * S];
        new Random(seed).nextBytes(img);
        return img;
    }

    /** Pixel (row, col) = 5 * col: a horizontal gradient. */
    static byte[] horizontalGradient() {
        byte[] img = new byte[S * S];
        for (int i = 0; i < img.length; i++) {
            img[i] = (byte) (5 * (i % S));
        }
        return img;
    }

    static AugmentationConfig only(int outputSize, double flip, double minScale, double maxScale, double erasing) {
        return new AugmentationConfig(outputSize, 0, Border.ZERO, flip, 0, minScale, maxScale, 0, 0, 0,
                erasing, 0.1, 0.1);
    }

    static float[] run(AugmentationConfig config, byte[] src, long seed) {
        float[] dst = new float[config.outputSize() * config.outputSize()];
        new Augmentation(config).apply(src, S, dst, 0, new Random(seed));
        return dst;
    }

    @Test
    void noneIsTheIdentityOverValues255() {
        byte[] src = randomImage(1);
        float[] dst = new float[S * S + 3];
        new Augmentation(AugmentationConfig.none()).apply(src, S, dst, 3, new Random(7));
        for (int i = 0; i < src.length; i++) {
            assertThat(dst[3 + i]).isEqualTo((src[i] & 0xFF) / 255f);
        }
    }

    @Test
    void flipWithProbabilityOneMirrorsExactly() {
        byte[] src = randomImage(2);
        float[] dst = run(only(S, 1, 1, 1, 0), src, 3);
        for (int r = 0; r < S; r++) {
            for (int c = 0; c < S; c++) {
                assertThat(dst[r * S + c]).isEqualTo((src[r * S + S - 1 - c] & 0xFF) / 255f);
            }
        }
    }

    @Test
    void randomCropIsAWindowOfTheSource() {
        byte[] src = randomImage(3);
        for (long seed = 0; seed < 20; seed++) {
            float[] dst = run(only(44, 0, 1, 1, 0), src, seed);
            assertThat(matchesSomeWindow(src, dst, 44)).as("seed " + seed).isTrue();
        }
    }

    @Test
    void zoomTwoSamplesHalfwayToTheCentre() {
        float[] dst = run(only(S, 0, 2, 2, 0), horizontalGradient(), 0);
        // output column 24 looks at source x = 24 + (24.5 - 24) / 2 - 0.5 = 23.75 → 5 * 23.75
        assertThat(dst[10 * S + 24]).isCloseTo(5 * 23.75f / 255f, within(1e-6f));
        assertThat(dst[10 * S]).isCloseTo(5 * 11.75f / 255f, within(1e-6f));
    }

    @Test
    void sameSeedSameOutputOtherSeedOtherOutput() {
        Augmentation strong = new Augmentation(AugmentationConfig.strong());
        byte[] src = randomImage(4);
        float[] a = new float[44 * 44];
        float[] b = new float[44 * 44];
        float[] c = new float[44 * 44];
        strong.apply(src, S, a, 0, new Random(42));
        strong.apply(src, S, b, 0, new Random(42));
        strong.apply(src, S, c, 0, new Random(43));
        assertThat(b).containsExactly(a);
        assertThat(Arrays.equals(a, c)).isFalse();
    }

    @Test
    void valuesStayInUnitRange() {
        Augmentation strong = new Augmentation(AugmentationConfig.strong().withOutputSize(40));
        Random rng = new Random(5);
        float[] dst = new float[40 * 40];
        for (int i = 0; i < 200; i++) {
            strong.apply(randomImage(i), S, dst, 0, rng);
            for (float v : dst) {
                assertThat(v).isBetween(0f, 1f);
            }
        }
    }

    @Test
    void randomErasingOverwritesOneRectangle() {
        byte[] grey = new byte[S * S];
        Arrays.fill(grey, (byte) 128);
        float[] dst = run(only(S, 0, 1, 1, 1), grey, 9);
        int minRow = S;
        int maxRow = -1;
        int minCol = S;
        int maxCol = -1;
        int changed = 0;
        for (int i = 0; i < dst.length; i++) {
            if (dst[i] != 128 / 255f) {
                changed++;
                minRow = Math.min(minRow, i / S);
                maxRow = Math.max(maxRow, i / S);
                minCol = Math.min(minCol, i % S);
                maxCol = Math.max(maxCol, i % S);
            }
        }
        int box = (maxRow - minRow + 1) * (maxCol - minCol + 1);
        assertThat(changed).isBetween((int) (0.07 * S * S), (int) (0.13 * S * S));
        assertThat(changed).isGreaterThan(box * 9 / 10); // noise hits 128/255 almost never
    }

    @Test
    void brightnessScalesAUniformImageWithinTheJitter() {
        byte[] grey = new byte[S * S];
        Arrays.fill(grey, (byte) 100);
        AugmentationConfig config = new AugmentationConfig(S, 0, Border.ZERO, 0, 0, 1, 1, 0, 0.5, 0.5, 0, 0, 0);
        float[] dst = run(config, grey, 11);
        assertThat(dst[0]).isBetween(50 / 255f, 150 / 255f).isNotCloseTo(100 / 255f, within(1e-4f));
        for (float v : dst) {
            assertThat(v).isCloseTo(dst[0], within(1e-6f));
        }
    }

    @Test
    void centreCropsTheMiddle() {
        float[] dst = new float[44 * 44];
        Augmentation.centre(horizontalGradient(), S, 44, dst, 0);
        assertThat(dst[0]).isEqualTo(10 / 255f);
        assertThat(dst[43]).isEqualTo(5 * 45 / 255f);
    }

    /**
     * Training crops of 44 from 48 take every offset 0..4 on each axis, equally often; evaluation's
     * centre crop is the one at their mean, (2, 2): the network is tested on the grid it trained on.
     */
    @Test
    void theCentreCropSitsAtTheMeanOfTheTrainingCrops() {
        byte[] src = randomImage(12);
        int[][] seen = new int[5][5];
        for (long seed = 0; seed < 500; seed++) {
            float[] dst = run(only(44, 0, 1, 1, 0), src, seed);
            int[] at = findWindow(src, dst, 44);
            assertThat(at).as("seed %d: a window of the source", seed).isNotNull();
            seen[at[1]][at[0]]++;
        }
        for (int[] row : seen) {
            for (int count : row) {
                assertThat(count).as("every offset, about 20 times in 500").isBetween(5, 45);
            }
        }
        float[] centre = new float[44 * 44];
        Augmentation.centre(src, S, 44, centre, 0);
        float[] middle = new float[44 * 44];
        Augmentation.crop(src, S, 2, 2, 44, false, middle, 0);
        assertThat(centre).containsExactly(middle);
    }

    /**
     * Rotation turns about the face's centre: a cone centred there comes back unchanged (up to
     * interpolation) at any angle, while a gradient does not.
     */
    @Test
    void rotationTurnsAboutTheCentre() {
        byte[] cone = new byte[S * S];
        for (int y = 0; y < S; y++) {
            for (int x = 0; x < S; x++) {
                double r = Math.hypot(x + 0.5 - S / 2.0, y + 0.5 - S / 2.0);
                cone[y * S + x] = (byte) Math.max(0, Math.round(250 - 10 * r));
            }
        }
        AugmentationConfig rotate = new AugmentationConfig(S, 0, Border.REFLECT, 0, 30, 1, 1, 0, 0, 0, 0, 0, 0);
        for (long seed = 0; seed < 10; seed++) {
            float[] turned = run(rotate, cone, seed);
            for (int y = 0; y < S; y++) {
                for (int x = 0; x < S; x++) {
                    double r = Math.hypot(x + 0.5 - S / 2.0, y + 0.5 - S / 2.0);
                    if (r > 2 && r < 20) {
                        assertThat(turned[y * S + x] * 255).as("seed %d at (%d, %d)", seed, x, y)
                                .isCloseTo(cone[y * S + x] & 0xFF, within(3f));
                    }
                }
            }
            float[] gradient = run(rotate, horizontalGradient(), seed);
            float change = 0;
            for (int i = 0; i < gradient.length; i++) {
                change = Math.max(change, Math.abs(gradient[i] * 255 - (horizontalGradient()[i] & 0xFF)));
            }
            assertThat(change).as("seed %d turned the gradient", seed).isGreaterThan(10);
        }
    }

    @Test
    void outputLargerThanPaddedInputIsRejected() {
        Augmentation big = new Augmentation(only(50, 0, 1, 1, 0));
        assertThatThrownBy(() -> big.apply(new byte[S * S], S, new float[2500], 0, new Random()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not fit");
    }

    static boolean matchesSomeWindow(byte[] src, float[] dst, int out) {
        return findWindow(src, dst, out) != null;
    }

    /** The (x, y) offset of the window of {@code src} that {@code dst} is, or null when there is none. */
    static int[] findWindow(byte[] src, float[] dst, int out) {
        for (int y0 = 0; y0 + out <= S; y0++) {
            for (int x0 = 0; x0 + out <= S; x0++) {
                float[] window = new float[out * out];
                Augmentation.crop(src, S, x0, y0, out, false, window, 0);
                if (Arrays.equals(window, dst)) {
                    return new int[] {x0, y0};
                }
            }
        }
        return null;
    }
}
