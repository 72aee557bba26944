package dev.deepfer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TtaTest {
    static final int S = 48;

    /** Pixel (row, col) = col + 4 * row. */
    static byte[] gradient() {
        byte[] img = new byte[S * S];
        for (int r = 0; r < S; r++) {
            for (int c = 0; c < S; c++) {
                img[r * S + c] = (byte) (c + 4 * r);
            }
        }
        return img;
    }

    static float first(float[] views, int view, int out) {
        return views[view * out * out] * 255f;
    }

    @Test
    void viewCountsPerMode() {
        for (TtaMode mode : TtaMode.values()) {
            assertThat(Tta.views(gradient(), S, 44, mode)).hasSize(mode.views() * 44 * 44);
        }
        assertThat(Arrays.stream(TtaMode.values()).mapToInt(TtaMode::views)).containsExactly(1, 2, 10);
    }

    @Test
    void tenCropIsCornersCentreThenMirrored() {
        float[] v = Tta.views(gradient(), S, 44, TtaMode.TEN_CROP);
        float[] expectedFirstPixels = {0, 4, 16, 20, 10, 43, 47, 59, 63, 53};
        for (int i = 0; i < 10; i++) {
            assertThat(first(v, i, 44)).as("view " + i).isCloseTo(expectedFirstPixels[i], within(1e-4f));
        }
        // last pixel of the bottom-right crop is the image's last pixel
        assertThat(v[4 * 44 * 44 - 1] * 255f).isCloseTo(47 + 4 * 47, within(1e-4f));
    }

    @Test
    void flipAndNoneShareTheCentreView() {
        float[] none = Tta.views(gradient(), S, 44, TtaMode.NONE);
        float[] flip = Tta.views(gradient(), S, 44, TtaMode.FLIP);
        float[] centre = new float[44 * 44];
        Augmentation.centre(gradient(), S, 44, centre, 0);
        assertThat(none).containsExactly(centre);
        assertThat(Arrays.copyOf(flip, 44 * 44)).containsExactly(centre);
        assertThat(first(flip, 1, 44)).isCloseTo(53, within(1e-4f));
    }
}
