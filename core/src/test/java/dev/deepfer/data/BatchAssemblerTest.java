package dev.deepfer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchAssemblerTest {
    /** Three 4x4 images: image i has every pixel = 51 * i + pixel index; labels 2, 5, 0. */
    static FaceDataset tiny() {
        byte[] pixels = new byte[3 * 16];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (51 * (i / 16) + i % 16);
        }
        return new FaceDataset("tiny", 4, pixels, new byte[] {2, 5, 0});
    }

    @Test
    void centreBatchIsNormalisedNchwWithLabels() {
        BatchAssembler assembler = new BatchAssembler(new Normalization(0.5f, 0.25f), 4);

        BatchAssembler.Batch batch = assembler.assemble(tiny(), new int[] {2, 0}, null, null);

        assertThat(batch.shape()).containsExactly(2, 1, 4, 4);
        assertThat(batch.labels()).containsExactly(0, 2);
        assertThat(batch.images()).hasSize(32);
        assertThat(batch.images()[0]).isCloseTo((102 / 255f - 0.5f) / 0.25f, within(1e-6f));
        assertThat(batch.images()[16 + 15]).isCloseTo((15 / 255f - 0.5f) / 0.25f, within(1e-6f));
    }

    @Test
    void augmentedBatchIsReproducible() {
        FaceDataset data = tiny();
        Augmentation flip = new Augmentation(AugmentationTest.only(2, 1, 1, 1, 0).withOutputSize(2));
        BatchAssembler assembler = new BatchAssembler(Normalization.IDENTITY, 2);

        BatchAssembler.Batch a = assembler.assemble(data, new int[] {1, 1, 2}, flip, new Random(3));
        BatchAssembler.Batch b = assembler.assemble(data, new int[] {1, 1, 2}, flip, new Random(3));

        assertThat(a.images()).containsExactly(b.images());
        assertThat(a.labels()).containsExactly(5, 5, 0);
        assertThat(a.shape()).containsExactly(3, 1, 2, 2);
        for (float v : a.images()) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void ttaBatchHoldsEveryViewOfEveryImage() {
        BatchAssembler assembler = new BatchAssembler(Normalization.IDENTITY, 3);

        BatchAssembler.Batch batch = assembler.assembleViews(tiny(), new int[] {0, 1}, TtaMode.TEN_CROP);

        assertThat(batch.shape()).containsExactly(20, 1, 3, 3);
        assertThat(batch.labels()).containsExactly(2, 5);
        assertThat(batch.images()[10 * 9] * 255f).isCloseTo(51, within(1e-4f)); // image 1, top-left view
    }

    @Test
    void mismatchesAreRejected() {
        BatchAssembler assembler = new BatchAssembler(Normalization.IDENTITY, 4);
        Augmentation to44 = new Augmentation(AugmentationConfig.standard());
        assertThatThrownBy(() -> assembler.assemble(tiny(), new int[] {0}, to44, new Random()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("augmentation outputs 44x44 but the batch is 4x4");
        assertThatThrownBy(() -> assembler.assemble(tiny(), new int[] {3}, null, null))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("index 3 out of range");
        assertThatThrownBy(() -> new BatchAssembler(Normalization.IDENTITY, 5).assemble(tiny(), new int[] {0}, null, null))
                .hasMessageContaining("exceeds the 4x4 images of tiny");
    }
}
