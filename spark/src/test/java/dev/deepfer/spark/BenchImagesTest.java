package dev.deepfer.spark;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark photos: a 48x48 face enlarged 4x in the middle of 320x240, its edges repeated outwards. */
class BenchImagesTest {

    @Test
    void theFaceIsEnlargedInTheMiddleAndItsEdgesFillTheBorder() {
        byte[] face = new byte[48 * 48];
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 48; x++) {
                face[y * 48 + x] = (byte) (x < 24 ? 40 : 200);
            }
        }
        BufferedImage photo = BenchImages.padded(face, 48);
        assertThat(photo.getWidth()).isEqualTo(320);
        assertThat(photo.getHeight()).isEqualTo(240);
        Raster r = photo.getRaster();
        // face spans x 64..255, y 24..215; left half dark, right half bright
        assertThat(r.getSample(100, 120, 0)).isEqualTo(40);
        assertThat(r.getSample(220, 120, 0)).isEqualTo(200);
        // the border repeats the nearest edge of the face
        assertThat(r.getSample(0, 0, 0)).isEqualTo(40);
        assertThat(r.getSample(319, 239, 0)).isEqualTo(200);
        // bilinear in between: the step from 40 to 200 is spread over the pixels at the middle
        assertThat(r.getSample(159, 120, 0)).isStrictlyBetween(40, 200);
    }
}
