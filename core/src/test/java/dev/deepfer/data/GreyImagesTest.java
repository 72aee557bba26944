package dev.deepfer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class GreyImagesTest {
    @Test
    void eightBitGreyRoundTripsWithoutGamma() {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        int[] values = {0, 10, 64, 128, 200, 255};
        img.getRaster().setSamples(0, 0, 3, 2, 0, values);
        byte[] grey = GreyImages.toBytes(GreyImages.luma(img));
        assertThat(Fer2013CsvTest.unsigned(grey)).containsExactly(values);
    }

    @Test
    void colourUsesRec601LumaAndAlphaCompositesOnBlack() {
        BufferedImage img = new BufferedImage(4, 1, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 0xFFFF0000);
        img.setRGB(1, 0, 0xFF00FF00);
        img.setRGB(2, 0, 0xFF0000FF);
        img.setRGB(3, 0, 0x80FFFFFF);
        assertThat(GreyImages.luma(img)).containsExactly(new float[] {76.245f, 149.685f, 29.07f, 128f}, within(1e-3f));
    }

    @Test
    void sixteenBitGreyIsScaledTo8Bits() {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        img.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {65535, 257 * 100});
        assertThat(GreyImages.luma(img)).containsExactly(new float[] {255f, 100f}, within(1e-3f));
    }

    @Test
    void shrinkingAveragesAreas() {
        float[] src = {0, 90, 180};
        assertThat(GreyImages.resize(src, 3, 1, 2, 1)).containsExactly(new float[] {30f, 150f}, within(1e-4f));
        float[] block = {
            0, 4, 8, 8,
            4, 0, 8, 8,
            1, 1, 2, 2,
            1, 1, 2, 6};
        assertThat(GreyImages.resize(block, 4, 4, 2, 2)).containsExactly(new float[] {2f, 8f, 1f, 3f}, within(1e-5f));
    }

    @Test
    void growingInterpolatesBilinearlyBetweenPixelCentres() {
        assertThat(GreyImages.resize(new float[] {0, 255}, 2, 1, 4, 1))
                .containsExactly(new float[] {0f, 63.75f, 191.25f, 255f}, within(1e-4f));
    }

    @Test
    void sameSizeIsACopyAndToGreyGivesTheRequestedSquare() {
        float[] src = {1, 2, 3, 4, 5, 6};
        assertThat(GreyImages.resize(src, 3, 2, 3, 2)).containsExactly(src);
        BufferedImage wide = new BufferedImage(64, 40, BufferedImage.TYPE_INT_RGB);
        assertThat(GreyImages.toGrey(wide, 48)).hasSize(48 * 48);
    }
}
