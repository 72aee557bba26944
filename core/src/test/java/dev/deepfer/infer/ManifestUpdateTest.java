package dev.deepfer.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.deepfer.data.Emotion;
import dev.deepfer.data.Normalization;
import dev.deepfer.model.Architecture;
import dev.deepfer.model.FerNetwork;
import dev.deepfer.model.Fusion;
import dev.deepfer.model.NetworkOptions;
import dev.deepfer.model.Stem;
import dev.deepfer.nn.CbamPlacement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers of one manifest (two loaded copies, two processes) each add their change to what is on
 * disk, so none is lost, and a change to a manifest that no longer describes the loaded model is
 * refused.
 */
class ManifestUpdateTest {
    private static final int SIZE = 40;
    private static final int RECORDS_PER_PROCESS = 100;

    @TempDir
    Path tmp;

    private Path bundle;

    @BeforeEach
    void writeBundle() throws IOException {
        bundle = tmp.resolve("bundle");
        write(bundle, 3);
    }

    private static BundleManifest write(Path dir, int seed) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            ai.djl.engine.Engine.getInstance().setRandomSeed(seed);
            FerNetwork net = Architecture.MULTISCALE_CNN_CBAM.build(NetworkOptions.faces(CbamPlacement.BLOCK, Stem.IMAGENET));
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, SIZE, SIZE));
            return ModelBundle.write(dir, net, new BundleManifest(BundleManifest.FORMAT, "test",
                    Architecture.MULTISCALE_CNN_CBAM, CbamPlacement.BLOCK, Stem.IMAGENET, SIZE, 1,
                    Arrays.stream(Emotion.values()).map(Emotion::label).toList(), Normalization.FER2013,
                    null, null, null, null, null, "test", "unknown", "2026-01-01T00:00:00Z", null),
                    WeightPrecision.FLOAT32);
        }
    }

    private JsonNode metricsOnDisk(Path dir, String manifest) throws IOException {
        return ModelBundle.JSON.readTree(dir.resolve(manifest).toFile()).path("metrics");
    }

    @Test
    void aBundleSharedByAGroupStaysWritableByTheGroup() throws IOException {
        Path manifest = bundle.resolve(ModelBundle.MANIFEST);
        java.util.Set<java.nio.file.attribute.PosixFilePermission> groupWritable =
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-r--");
        Files.setPosixFilePermissions(manifest, groupWritable);
        try (ModelBundle model = ModelBundle.load(bundle)) {
            model.recordMetric("PublicTest", new TextNode("x"));
        }
        assertThat(Files.getPosixFilePermissions(manifest)).isEqualTo(groupWritable);
        assertThat(Files.getPosixFilePermissions(bundle.resolve(ManifestUpdate.LOCK_FILE))).isEqualTo(groupWritable);
    }

    @Test
    void theLockFileFollowsTheManifestsGroupAndStaysWritableByItsOwner() throws IOException {
        Path manifest = bundle.resolve(ModelBundle.MANIFEST);
        Path lock = bundle.resolve(ManifestUpdate.LOCK_FILE);
        // a lock file an older version left at 0644, and a read-only manifest of another group
        Files.createFile(lock);
        Files.setPosixFilePermissions(lock, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        java.nio.file.attribute.GroupPrincipal other = otherGroup(manifest);
        Files.getFileAttributeView(manifest, java.nio.file.attribute.PosixFileAttributeView.class).setGroup(other);
        Files.setPosixFilePermissions(manifest, java.nio.file.attribute.PosixFilePermissions.fromString("r--rw----"));
        try (ModelBundle model = ModelBundle.load(bundle)) {
            model.recordMetric("PublicTest", new TextNode("x"));
        }
        assertThat(metricsOnDisk(bundle, ModelBundle.MANIFEST).path("PublicTest").asText()).isEqualTo("x");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(lock)))
                .isEqualTo("rw-rw----");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(manifest)))
                .isEqualTo("r--rw----");
        assertThat(Files.readAttributes(lock, java.nio.file.attribute.PosixFileAttributes.class).group()).isEqualTo(other);
        assertThat(Files.readAttributes(manifest, java.nio.file.attribute.PosixFileAttributes.class).group())
                .isEqualTo(other);
    }

    /** A group other than the file's own that this user may give it (any group, as root; else skip). */
    private static java.nio.file.attribute.GroupPrincipal otherGroup(Path file) throws IOException {
        java.nio.file.attribute.GroupPrincipal own =
                Files.readAttributes(file, java.nio.file.attribute.PosixFileAttributes.class).group();
        for (String name : new String[] {"daemon", "bin", "sys", "adm", "nogroup", "users"}) {
            try {
                java.nio.file.attribute.GroupPrincipal g =
                        file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(name);
                if (!g.equals(own)) {
                    Path probe = Files.createTempFile(file.getParent(), "probe", "");
                    try {
                        Files.getFileAttributeView(probe, java.nio.file.attribute.PosixFileAttributeView.class).setGroup(g);
                        return g;
                    } catch (IOException notAllowed) {
                        // try the next
                    } finally {
                        Files.delete(probe);
                    }
                }
            } catch (java.nio.file.attribute.UserPrincipalNotFoundException absent) {
                // try the next
            }
        }
        org.junit.jupiter.api.Assumptions.abort("no other group this user may give a file");
        return null;
    }

    @Test
    void twoLoadedCopiesKeepBothMetrics() throws IOException {
        try (ModelBundle first = ModelBundle.load(bundle); ModelBundle second = ModelBundle.load(bundle)) {
            first.recordMetric("PublicTest", new TextNode("first"));
            second.recordMetric("PrivateTest", new TextNode("second")); // loaded before the first one wrote
            assertThat(second.manifest().metrics().path("PublicTest").asText()).isEqualTo("first");
        }
        JsonNode metrics = metricsOnDisk(bundle, ModelBundle.MANIFEST);
        assertThat(metrics.path("PublicTest").asText()).isEqualTo("first");
        assertThat(metrics.path("PrivateTest").asText()).isEqualTo("second");
    }

    @Test
    void aMetricIsNotFiledUnderAModelThatReplacedTheLoadedOne() throws IOException {
        try (ModelBundle loaded = ModelBundle.load(bundle)) {
            write(bundle, 4); // another network written over it after loading
            assertThatThrownBy(() -> loaded.recordMetric("PublicTest", new TextNode("stale")))
                    .isInstanceOf(IOException.class).hasMessageContaining("changed since the model was loaded");
        }
        assertThat(metricsOnDisk(bundle, ModelBundle.MANIFEST).has("PublicTest")).isFalse();
    }

    @Test
    void aMetricMeasuredAtOneTemperatureIsRefusedAfterAnotherCopyRecalibrated() throws IOException {
        try (ModelBundle measured = ModelBundle.load(bundle); ModelBundle calibrating = ModelBundle.load(bundle)) {
            calibrating.recordTemperature(1.7);
            assertThatThrownBy(() -> measured.recordMetric("PublicTest", new TextNode("at T=1")))
                    .isInstanceOf(IOException.class).hasMessageContaining("changed since the model was loaded");
            calibrating.recordMetric("PublicTest", new TextNode("at T=1.7"));
        }
        assertThat(metricsOnDisk(bundle, ModelBundle.MANIFEST).path("PublicTest").asText()).isEqualTo("at T=1.7");
    }

    @Test
    void ensembleCopiesKeepBothMetricsAndTheTemperature() throws IOException {
        Path ens = tmp.resolve("ens");
        EnsembleBundle.write(ens, List.of(bundle), new EnsembleManifest(1, "ens", Fusion.MEAN_PROBABILITIES,
                List.of(new EnsembleManifest.Member("x", 1.0)), 1.0, "test", null, "test", "unknown", "now"));
        try (EnsembleBundle first = EnsembleBundle.load(ens); EnsembleBundle second = EnsembleBundle.load(ens)) {
            first.recordMetric("a", IntNode.valueOf(1));
            second.recordMetric("b", IntNode.valueOf(2));
            second.recordTemperature(0.9);
            assertThatThrownBy(() -> first.recordMetric("c", IntNode.valueOf(3)))
                    .isInstanceOf(IOException.class).hasMessageContaining("changed since the model was loaded");
        }
        try (EnsembleBundle measured = EnsembleBundle.load(ens)) {
            try (ModelBundle member = ModelBundle.load(ens.resolve("members/bundle"))) {
                member.recordTemperature(1.3); // calibrate --write on the member after the ensemble was loaded
            }
            assertThatThrownBy(() -> measured.recordMetric("d", IntNode.valueOf(4)))
                    .isInstanceOf(IOException.class).hasMessageContaining("members/bundle")
                    .hasMessageContaining("changed since the model was loaded");
        }
        try (EnsembleBundle reloaded = EnsembleBundle.load(ens)) {
            reloaded.recordMetric("e", IntNode.valueOf(5)); // loaded after the member's change: fine
            assertThat(reloaded.manifest().metrics().has("d")).isFalse();
            assertThat(reloaded.temperature()).isEqualTo(0.9);
            assertThat(reloaded.manifest().metrics().path("a").asInt()).isEqualTo(1);
            assertThat(reloaded.manifest().metrics().path("b").asInt()).isEqualTo(2);
            assertThat(reloaded.manifest().metrics().has("c")).isFalse();
        }
    }

    /**
     * Two processes recording into one bundle at the same time (each loads it once, then records
     * {@value #RECORDS_PER_PROCESS} metrics, starting together once both have loaded it): all of
     * them are in the manifest at the end. Without the file lock, re-reading alone loses some.
     */
    @Test
    void twoProcessesRecordingAtOnceLoseNothing() throws Exception {
        List<Process> writers = new ArrayList<>();
        for (String prefix : List.of("p", "q")) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true",
                    RecordingProcess.class.getName(), bundle.toString(), prefix,
                    Integer.toString(RECORDS_PER_PROCESS), tmp.toString());
            pb.redirectErrorStream(true).redirectOutput(tmp.resolve(prefix + ".log").toFile());
            writers.add(pb.start());
        }
        for (Process w : writers) {
            assertThat(w.waitFor(120, TimeUnit.SECONDS)).as("writer finished").isTrue();
        }
        for (int k = 0; k < writers.size(); k++) {
            String prefix = List.of("p", "q").get(k);
            assertThat(writers.get(k).exitValue()).as(Files.readString(tmp.resolve(prefix + ".log"))).isZero();
        }
        JsonNode metrics = metricsOnDisk(bundle, ModelBundle.MANIFEST);
        for (String prefix : List.of("p", "q")) {
            for (int i = 0; i < RECORDS_PER_PROCESS; i++) {
                assertThat(metrics.path(prefix + i).asInt(-1)).as(prefix + i).isEqualTo(i);
            }
        }
        assertThat(Files.exists(bundle.resolve(ModelBundle.MANIFEST + ".tmp"))).isFalse();
    }

    /**
     * The writer process of {@link #twoProcessesRecordingAtOnceLoseNothing}: bundle dir, key prefix,
     * count, and a directory where each writer announces it has loaded the bundle and waits for the other.
     */
    public static final class RecordingProcess {
        public static void main(String[] args) throws IOException, InterruptedException {
            try (ModelBundle loaded = ModelBundle.load(Path.of(args[0]))) {
                Path barrier = Path.of(args[3]);
                Files.createFile(barrier.resolve(args[1] + ".loaded"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (loadedWriters(barrier) < 2) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the other writer never loaded the bundle");
                    }
                    Thread.sleep(2);
                }
                for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                    loaded.recordMetric(args[1] + i, IntNode.valueOf(i));
                }
            }
        }

        private static long loadedWriters(Path barrier) throws IOException {
            try (var files = Files.list(barrier)) {
                return files.filter(f -> f.toString().endsWith(".loaded")).count();
            }
        }
    }
}
