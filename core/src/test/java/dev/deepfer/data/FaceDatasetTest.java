package dev.deepfer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FaceDatasetTest {
    /** {@code count} 2x2 images, image i filled with {@code values[i]}, labelled i % 7. */
    private static FaceDataset of(String source, int... values) {
        byte[] pixels = new byte[values.length * 4];
        byte[] labels = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            java.util.Arrays.fill(pixels, i * 4, i * 4 + 4, (byte) values[i]);
            labels[i] = (byte) (i % 7);
        }
        return new FaceDataset(source, 2, pixels, labels);
    }

    @Test
    void withoutCopiesKeepsExactlyTheImagesNotInTheReferenceInTheirOrder() {
        FaceDataset training = of("train", 10, 20, 30, 20);
        FaceDataset test = of("test", 20, 11, 30, 40, 11);

        FaceDataset unseen = test.withoutCopiesIn(training);

        assertThat(unseen.count()).isEqualTo(3);
        assertThat(new int[] {unseen.pixel(0, 0, 0), unseen.pixel(1, 1, 1), unseen.pixel(2, 0, 1)})
                .containsExactly(11, 40, 11);
        assertThat(new int[] {unseen.label(0), unseen.label(1), unseen.label(2)}).as("labels travel with images")
                .containsExactly(1, 3, 4);
        assertThat(unseen.source()).isEqualTo("test (without copies in train)");
    }

    @Test
    void anImageDifferingInOnePixelIsNotACopy() {
        FaceDataset training = of("train", 10);
        byte[] pixels = {10, 10, 10, 11};
        FaceDataset test = new FaceDataset("test", 2, pixels, new byte[] {0});
        assertThat(test.withoutCopiesIn(training).count()).isEqualTo(1);
        assertThat(training.withoutCopiesIn(training).count()).isZero();
    }

    @Test
    void imagesOfAnotherSizeCannotBeCompared() {
        FaceDataset big = new FaceDataset("big", 3, new byte[9], new byte[1]);
        assertThatThrownBy(() -> of("small", 0).withoutCopiesIn(big)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2x2").hasMessageContaining("3x3");
    }
}
