package dev.deepfer.spark;

import dev.deepfer.infer.EnsembleBundle;
import dev.deepfer.infer.ModelBundle;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Finding bundles (jar, folder, zip) and fingerprinting them, without a Spark session. */
class ModelSourceTest {
    private static final Path DEFAULT_BUNDLE = Path.of("..", "models", "default");
    private static final Configuration HADOOP = new Configuration();

    @TempDir
    Path tmp;

    @Test
    void theJarsBundleIsTheDefaultBundle() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(DEFAULT_BUNDLE), "no default bundle in ../models/default: skipping");
        Path dir = ModelSource.localDirectory(null, HADOOP);
        List<Path> weights = weightFiles(DEFAULT_BUNDLE);
        assertThat(weights).isNotEmpty();
        for (Path w : weights) {
            assertThat(Files.mismatch(dir.resolve(DEFAULT_BUNDLE.relativize(w).toString()), w)).as(w.toString())
                    .isEqualTo(-1);
        }
        assertThat(ModelSource.fingerprint(dir)).isEqualTo(ModelSource.fingerprint(DEFAULT_BUNDLE));
        if (!EnsembleBundle.isEnsemble(DEFAULT_BUNDLE)) {
            assertThat(ModelSource.fingerprint(dir)).isEqualTo(ModelBundle.sha256(weights.get(0)));
        }
        assertThat(ModelSource.name(dir)).isEqualTo(ModelSource.name(DEFAULT_BUNDLE)).isNotBlank();
    }

    /** Every weights file of a bundle of either kind, in a stable order. */
    private static List<Path> weightFiles(Path bundle) throws IOException {
        try (var files = Files.walk(bundle)) {
            return files.filter(f -> f.getFileName().toString().equals("weights.ndlist")).sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path f : files.sorted().toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    @Test
    void aCorruptedWeightsFileIsRefusedBeforeAnyTask() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(DEFAULT_BUNDLE), "no default bundle in ../models/default: skipping");
        Path copy = tmp.resolve("corrupt");
        copyTree(DEFAULT_BUNDLE, copy);
        Path victim = weightFiles(copy).get(0);
        byte[] weights = Files.readAllBytes(victim);
        Files.write(victim, java.util.Arrays.copyOf(weights, weights.length - 1));
        assertThatThrownBy(() -> ModelHolder.Key.resolve(copy.toString(), HADOOP, true)).isInstanceOf(IOException.class)
                .hasMessageContaining("corrupted or truncated");
        Files.delete(victim);
        assertThatThrownBy(() -> ModelSource.verifyWeights(copy)).hasMessageContaining("missing");
        Files.write(victim, weights);
        assertThat(ModelHolder.Key.resolve(copy.toString(), HADOOP, true).fingerprint())
                .isEqualTo(ModelSource.fingerprint(DEFAULT_BUNDLE));
    }

    @Test
    void aZipWithTheBundleInAFolderIsUnpackedOnce() throws IOException {
        Path zip = tmp.resolve("bundle.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            put(out, "my-model/manifest.json", "{\"name\": \"m\", \"sha256\": \"abc\"}".getBytes());
            put(out, "my-model/weights.ndlist", new byte[] {1, 2, 3});
        }
        Path dir = ModelSource.localDirectory(zip.toString(), HADOOP);
        assertThat(dir.getFileName().toString()).isEqualTo("my-model");
        assertThat(ModelSource.fingerprint(dir)).isEqualTo("abc");
        assertThat(ModelSource.localDirectory(zip.toString(), HADOOP)).isEqualTo(dir);
    }

    @Test
    void aFolderWrappingTheBundleIsLookedInto() throws IOException {
        // what spark-submit --archives bundle.zip#name leaves on an executor: name/<bundle folder>/…
        Path shipped = tmp.resolve("shipped");
        Files.createDirectories(shipped.resolve("ens/members/a"));
        Files.writeString(shipped.resolve("ens/ensemble.json"), "{\"name\": \"e\", \"members\": [{\"dir\": \"members/a\"}]}");
        Files.writeString(shipped.resolve("ens/members/a/manifest.json"), "{\"sha256\": \"aaaa\"}");
        assertThat(ModelSource.localDirectory(shipped.toString(), HADOOP)).isEqualTo(shipped.resolve("ens"));
    }

    @Test
    void aZipEntryOutsideTheFolderIsRefused() throws IOException {
        Path zip = tmp.resolve("evil.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            put(out, "../escape/manifest.json", "{}".getBytes());
        }
        assertThatThrownBy(() -> ModelSource.localDirectory(zip.toString(), HADOOP))
                .isInstanceOf(IOException.class).hasMessageContaining("outside");
    }

    @Test
    void aMissingBundleIsNamed() {
        String missing = tmp.resolve("nothing-here").toString();
        assertThatThrownBy(() -> ModelSource.localDirectory(missing, HADOOP))
                .isInstanceOf(IOException.class).hasMessageContaining("no model bundle at " + missing);
    }

    /**
     * A relative bundle name the driver cannot find is left to the executors on a cluster (an
     * archive shipped to them only), but is an error in local mode, where the driver is the executor.
     */
    @Test
    void aRelativeNameTheDriverCannotFindFailsInLocalModeOnly() throws IOException {
        String typo = "modles-" + tmp.getFileName() + "/default";
        assertThatThrownBy(() -> ModelHolder.Key.resolve(typo, HADOOP, true))
                .isInstanceOf(IOException.class).hasMessageContaining("no model bundle at");
        ModelHolder.Key onExecutors = ModelHolder.Key.resolve(typo, HADOOP, false);
        assertThat(onExecutors.spec()).isEqualTo(typo);
        assertThat(onExecutors.fingerprint()).isNull();
    }

    @Test
    void anEnsemblesFingerprintCoversItsManifestAndEveryMember() throws IOException {
        Path ens = tmp.resolve("ens");
        Files.createDirectories(ens.resolve("members/a"));
        Files.createDirectories(ens.resolve("members/b"));
        Files.writeString(ens.resolve("ensemble.json"),
                "{\"name\": \"e\", \"members\": [{\"dir\": \"members/a\"}, {\"dir\": \"members/b\"}]}");
        Files.writeString(ens.resolve("members/a/manifest.json"), "{\"sha256\": \"aaaa\"}");
        Files.writeString(ens.resolve("members/b/manifest.json"), "{\"sha256\": \"bbbb\"}");
        String before = ModelSource.fingerprint(ens);
        assertThat(before).hasSize(64).isNotIn("aaaa", "bbbb");
        assertThat(ModelSource.name(ens)).isEqualTo("e");
        Files.writeString(ens.resolve("members/b/manifest.json"), "{\"sha256\": \"cccc\"}");
        assertThat(ModelSource.fingerprint(ens)).isNotEqualTo(before);
        Files.writeString(ens.resolve("members/b/manifest.json"), "{\"name\": \"no hash\"}");
        assertThatThrownBy(() -> ModelSource.fingerprint(ens)).isInstanceOf(IOException.class)
                .hasMessageContaining("no sha256");
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }
}
