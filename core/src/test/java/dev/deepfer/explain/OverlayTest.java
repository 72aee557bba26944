package dev.deepfer.explain;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OverlayTest {

    @Test
    void turboRunsFromBlueThroughGreenToRed() {
        int cold = Overlay.turbo(0.1);
        int middle = Overlay.turbo(0.5);
        int hot = Overlay.turbo(0.9);
        assertThat(blue(cold)).isGreaterThan(red(cold));
        assertThat(green(middle)).isGreaterThan(blue(middle)).isGreaterThan(100);
        assertThat(red(hot)).isGreaterThan(green(hot)).isGreaterThan(blue(hot));
        assertThat(Overlay.turbo(-3)).isEqualTo(Overlay.turbo(0));
        assertThat(Overlay.turbo(7)).isEqualTo(Overlay.turbo(1));
    }

    @Test
    void overlayIsTheEnlargedFaceTintedMostWhereTheMapIsHot() throws Exception {
        byte[] crop = new byte[4 * 4];
        java.util.Arrays.fill(crop, (byte) 128);
        float[] values = new float[16];
        values[0] = 1;
        BufferedImage plain = Overlay.face(crop, 4, 3);
        BufferedImage hot = Overlay.blend(crop, 4, new HeatMap(4, 4, values), 3);
        assertThat(plain.getWidth()).isEqualTo(12);
        assertThat(plain.getRGB(6, 6) & 0xFFFFFF).isEqualTo(0x808080);
        int corner = hot.getRGB(0, 0);
        int far = hot.getRGB(11, 11);
        // hot corner: red dominates; cold corner: the grey face, a little darker (Turbo's 0 is near black)
        assertThat(red(corner)).isGreaterThan(blue(corner) + 40);
        assertThat(red(far)).isBetween(100, 127);
        assertThat(Math.abs(red(far) - blue(far))).isLessThan(5);
        String url = Overlay.dataUrl(hot);
        assertThat(url).startsWith("data:image/png;base64,");
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder()
                .decode(url.substring(url.indexOf(',') + 1))));
        assertThat(back.getRGB(0, 0)).isEqualTo(corner);
        assertThatThrownBy(() -> Overlay.blend(crop, 4, new HeatMap(2, 2, new float[4]), 3))
                .hasMessageContaining("2x2 map over a 4x4 face");
    }

    private static int red(int rgb) {
        return rgb >> 16 & 0xFF;
    }

    private static int green(int rgb) {
        return rgb >> 8 & 0xFF;
    }

    private static int blue(int rgb) {
        return rgb & 0xFF;
    }
}
