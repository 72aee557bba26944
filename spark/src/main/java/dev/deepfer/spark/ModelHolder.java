package dev.deepfer.spark;

import dev.deepfer.infer.EmotionRecognizer;
import org.apache.hadoop.conf.Configuration;
import org.bytedeco.opencv.global.opencv_core;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@link EmotionRecognizer} per executor JVM and bundle, loaded lazily by the first task that
 * needs it and shared by every later task and partition (the recognizer is thread-safe). Loading
 * checks the weights' SHA-256 (in {@code ModelBundle}) and that the bundle is the one the driver
 * saw. Before the first load it sizes the native thread pools: PyTorch intra-op and OpenCV threads
 * to the cores of one task ({@code spark.task.cpus}, 1 by default), PyTorch inter-op threads to 1,
 * so an executor running one task per core keeps exactly its cores busy. An explicit
 * {@code -Dai.djl.pytorch.num_threads} wins. The recognizer lives as long as the JVM.
 */
final class ModelHolder {
    private static final Logger LOG = LoggerFactory.getLogger(ModelHolder.class);
    private static final Map<Key, Loaded> MODELS = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private ModelHolder() {
    }

    /**
     * Which bundle a job uses, as the driver resolved it.
     *
     * @param spec the bundle spec ({@code null}: the jar's)
     * @param fingerprint {@link ModelSource#fingerprint} as the driver computed it ({@code null}
     *     when only the executors have the bundle)
     * @param name the bundle's name ({@code null} likewise)
     */
    record Key(String spec, String fingerprint, String name) implements Serializable {
        /**
         * Resolves {@code spec} on the driver (locally, once per JVM), checks its weights' SHA-256
         * (a corrupted bundle fails here, before any task) and reads its identity. A
         * relative name the driver cannot find may be an archive shipped to the executors only
         * (YARN client mode): the executors then resolve it alone. In local mode the driver is the
         * executor, so such a name is a mistake and fails here, before the output is touched.
         *
         * @param local whether the job runs in local mode
         */
        static Key resolve(String spec, Configuration hadoop, boolean local) throws IOException {
            Path dir;
            try {
                dir = ModelSource.localDirectory(spec, hadoop);
            } catch (IOException e) {
                if (local || spec == null || Path.of(spec).isAbsolute() || spec.contains(":")) {
                    throw e;
                }
                LOG.warn("deepfer: the driver cannot see the model bundle {}; the executors will look for it ({})",
                        spec, e.getMessage());
                return new Key(spec, null, null);
            }
            ModelSource.verifyWeights(dir);
            return new Key(spec, ModelSource.fingerprint(dir), ModelSource.name(dir));
        }
    }

    /** A loaded recognizer with the identity written on every row. */
    record Loaded(EmotionRecognizer recognizer, String name, String fingerprint) {
    }

    /** The recognizer for {@code key}, loading it on first use in this JVM. */
    static Loaded get(Key key, int threads, Configuration hadoop) {
        return MODELS.computeIfAbsent(key, k -> load(k, threads, hadoop));
    }

    /** How many bundles this JVM has loaded (for tests: one per JVM, not per task). */
    static int loads() {
        return LOADS.get();
    }

    private static Loaded load(Key key, int threads, Configuration hadoop) {
        sizeThreads(threads);
        try {
            Path dir = ModelSource.localDirectory(key.spec(), hadoop);
            String fingerprint = ModelSource.fingerprint(dir);
            if (key.fingerprint() != null && !fingerprint.equals(key.fingerprint())) {
                throw new ModelUnavailableException("the model bundle " + ModelSource.describe(key.spec())
                        + " on this executor is not the driver's: fingerprint " + fingerprint + " != "
                        + key.fingerprint(), null);
            }
            long t0 = System.nanoTime();
            EmotionRecognizer recognizer = EmotionRecognizer.load(dir);
            LOADS.incrementAndGet();
            LOG.info("deepfer: loaded model {} ({}) from {} in {} ms with {} thread(s) per task", dir,
                    fingerprint, ModelSource.describe(key.spec()), (System.nanoTime() - t0) / 1_000_000, threads);
            return new Loaded(recognizer, ModelSource.name(dir), fingerprint);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelUnavailableException("cannot load the model bundle " + ModelSource.describe(key.spec())
                    + ": " + e.getMessage(), e);
        }
    }

    /** Applies before the PyTorch engine starts; a later call cannot change a started engine's pools. */
    private static void sizeThreads(int threads) {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        opencv_core.setNumThreads(threads);
    }
}
