package dev.deepfer.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** A batch ends at {@code --batch} images or at {@link RecognizePartition#BATCH_BYTES} of encoded bytes. */
class RecognizePartitionTest {
    @Test
    void aBatchOfLargeImagesEndsAtTheByteBudget() {
        int half = (int) (RecognizePartition.BATCH_BYTES / 2) + 1; // two of them pass the budget
        Iterator<Row> rows = IntStream.range(0, 5).mapToObj(i -> RowFactory.create("p" + i, new byte[half]))
                .iterator();

        assertThat(RecognizePartition.take(rows, 32)).extracting(r -> r.getString(0)).containsExactly("p0", "p1");
        assertThat(RecognizePartition.take(rows, 32)).extracting(r -> r.getString(0)).containsExactly("p2", "p3");
        assertThat(RecognizePartition.take(rows, 32)).extracting(r -> r.getString(0)).containsExactly("p4");
    }

    @Test
    void smallImagesAndTablePathsFillTheBatchSize() {
        List<Row> input = IntStream.range(0, 7).mapToObj(i -> i % 2 == 0 ? RowFactory.create("p" + i, new byte[10])
                : RowFactory.create("p" + i, null)).toList();
        Iterator<Row> rows = input.iterator();

        assertThat(RecognizePartition.take(rows, 3)).hasSize(3);
        assertThat(RecognizePartition.take(rows, 3)).hasSize(3);
        assertThat(RecognizePartition.take(rows, 3)).extracting(r -> r.getString(0)).containsExactly("p6");
    }
}
