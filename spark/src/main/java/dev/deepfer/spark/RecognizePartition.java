package dev.deepfer.spark;

import dev.deepfer.data.ImageDecodeException;
import dev.deepfer.infer.ImageOutcome;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Recognises one partition: takes the JVM's shared recognizer from {@link ModelHolder}, then
 * streams the partition in batches of {@code batchSize} images, each batch one
 * {@code EmotionRecognizer.recognizeAll} call (one model call over all the batch's faces), and
 * yields {@link FaceRows} lazily, so a partition never holds more than one batch of images. A
 * batch also ends once its encoded images reach {@value #BATCH_BYTES} bytes (at least one image):
 * 32 DSLR photos of 25 MB held at once by each of four tasks would not fit a 3 GB executor.
 */
final class RecognizePartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    /** The encoded bytes a batch may hold before it is recognised, whatever {@code --batch} says. */
    static final long BATCH_BYTES = 64L << 20;

    private final ModelHolder.Key model;
    private final FaceRows rows;
    private final int batchSize;
    private final int threads;
    private final Broadcast<HadoopConf> hadoop;
    private final JobCounters counters;

    RecognizePartition(ModelHolder.Key model, FaceRows rows, int batchSize, int threads, Broadcast<HadoopConf> hadoop,
            JobCounters counters) {
        this.model = model;
        this.rows = rows;
        this.batchSize = batchSize;
        this.threads = threads;
        this.hadoop = hadoop;
        this.counters = counters;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        TaskContext task = TaskContext.get();
        int taskThreads = threads > 0 ? threads : task != null ? Math.max(1, task.cpus()) : 1;
        Configuration conf = hadoop.value().get();
        ModelHolder.Loaded loaded = ModelHolder.get(model, taskThreads, conf);
        return new Iterator<>() {
            private final Deque<Row> ready = new ArrayDeque<>();
            private int failuresNoted;

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && input.hasNext()) {
                    recognizeBatch(take(input), loaded, conf);
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }

            private void recognizeBatch(List<Row> batch, ModelHolder.Loaded loaded, Configuration conf) {
                ImageOutcome[] outcomes = new ImageOutcome[batch.size()];
                String[] paths = new String[batch.size()];
                List<Map.Entry<String, byte[]>> readable = new ArrayList<>(batch.size());
                List<Integer> slots = new ArrayList<>(batch.size());
                long held = 0;
                for (int i = 0; i < batch.size(); i++) {
                    Row r = batch.get(i);
                    paths[i] = r.isNullAt(ImageInputs.PATH) ? null : r.getString(ImageInputs.PATH);
                    try {
                        byte[] bytes = r.isNullAt(ImageInputs.CONTENT) ? ImageInputs.read(paths[i], conf)
                                : (byte[]) r.get(ImageInputs.CONTENT);
                        readable.add(Map.entry(paths[i], bytes));
                        slots.add(i);
                        held += bytes.length;
                    } catch (ImageDecodeException e) {
                        outcomes[i] = ImageOutcome.failed(e);
                    }
                    if (held >= BATCH_BYTES || i == batch.size() - 1) { // paths read from a table: bytes only now
                        List<ImageOutcome> recognized = loaded.recognizer().recognizeAll(readable);
                        for (int k = 0; k < slots.size(); k++) {
                            outcomes[slots.get(k)] = recognized.get(k);
                        }
                        readable.clear();
                        slots.clear();
                        held = 0;
                    }
                }
                for (int i = 0; i < batch.size(); i++) {
                    Row r = batch.get(i);
                    Object[] kept = new Object[r.length() - ImageInputs.FIRST_KEPT];
                    for (int c = 0; c < kept.length; c++) {
                        kept[c] = r.get(ImageInputs.FIRST_KEPT + c);
                    }
                    boolean note = !outcomes[i].isRead() && failuresNoted++ < JobCounters.FAILURES_SHOWN;
                    counters.count(outcomes[i], note);
                    ready.addAll(rows.rows(kept, paths[i], outcomes[i], loaded));
                }
            }
        };
    }

    /** Up to {@code batchSize} rows, fewer when the images they carry reach {@link #BATCH_BYTES}. */
    private List<Row> take(Iterator<Row> input) {
        return take(input, batchSize);
    }

    static List<Row> take(Iterator<Row> input, int batchSize) {
        List<Row> batch = new ArrayList<>(batchSize);
        long held = 0;
        while (batch.size() < batchSize && held < BATCH_BYTES && input.hasNext()) {
            Row r = input.next();
            batch.add(r);
            held += r.isNullAt(ImageInputs.CONTENT) ? 0 : ((byte[]) r.get(ImageInputs.CONTENT)).length;
        }
        return batch;
    }
}
