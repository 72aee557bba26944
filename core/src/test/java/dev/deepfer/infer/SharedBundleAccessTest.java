package dev.deepfer.infer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.deepfer.data.Emotion;
import dev.deepfer.data.Normalization;
import dev.deepfer.model.Architecture;
import dev.deepfer.model.Stem;
import dev.deepfer.nn.CbamPlacement;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle folder shared by a group, written to by real different users: writers of the group
 * take turns recording into the manifest (each with its own primary group and the usual 022
 * umask), and a user outside the group is refused with a message that names the folder, leaving
 * the manifest as it was. Each writer is a JVM started under another user and group id by
 * {@code setpriv}, so this needs root (the tests run as root here and in CI) and skips otherwise.
 *
 * <p>The lock file a first writer leaves at its umask (0644) would block the second member of the
 * group, a manifest rewritten with the writer's primary group would block the next, and so would
 * the temporary file of a writer killed before its rename; each failed here before the lock file
 * and {@code AtomicFiles} followed the manifest's mode and group and a stale temporary file was
 * removed first.
 */
class SharedBundleAccessTest {
    private static final int GROUP = 4343;
    private static final int ALICE = 4341; // primary group: the shared one
    private static final int BOB = 4342; // primary group 4342, the shared one as a supplementary group
    private static final int MALLORY = 4344; // not in the group
    private static final long NO_NATIVE_LIBRARIES = 15L << 20;

    @TempDir
    Path tmp;

    private Path bundle;
    private Path manifest;
    private String classPath;

    @BeforeEach
    void sharedBundle() throws IOException, InterruptedException {
        Assumptions.assumeTrue(isRoot(), "needs root to start writers under other user ids (skipped: not root)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "needs /usr/bin/setpriv (util-linux) to start writers under other user ids (skipped: absent)");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        bundle = tmp.resolve("bundle");
        Files.createDirectory(bundle);
        chown(bundle, 0, GROUP);
        Files.setPosixFilePermissions(bundle, PosixFilePermissions.fromString("rwxrwxr-x"));
        manifest = bundle.resolve(ModelBundle.MANIFEST);
        ModelBundle.JSON.writeValue(manifest.toFile(), new BundleManifest(BundleManifest.FORMAT, "shared",
                Architecture.MULTISCALE_CNN_CBAM, CbamPlacement.BLOCK, Stem.IMAGENET, 40, 1,
                Arrays.stream(Emotion.values()).map(Emotion::label).toList(), Normalization.FER2013,
                "model.params", "float32", "0123abcd", null, null, "test", "unknown", "2026-01-01T00:00:00Z", null));
        chown(manifest, 0, GROUP);
        Files.setPosixFilePermissions(manifest, PosixFilePermissions.fromString("rw-rw-r--"));
        classPath = readableClassPath(tmp.resolve("cp"));
    }

    @Test
    void membersOfTheGroupTakeTurnsAndAnOutsiderIsRefusedWithoutChangingAnything() throws Exception {
        Result outsiderFirst = record(MALLORY, MALLORY, List.of(), "m0");
        assertThat(outsiderFirst.exit).as(outsiderFirst.output).isEqualTo(2);
        assertThat(outsiderFirst.output).contains("cannot write in " + bundle + " to record into its manifest");

        for (Object[] turn : new Object[][] {{ALICE, GROUP, List.of(), "a1"}, {BOB, BOB, List.of(GROUP), "b1"},
                {ALICE, GROUP, List.of(), "a2"}}) {
            @SuppressWarnings("unchecked")
            Result r = record((int) turn[0], (int) turn[1], (List<Integer>) turn[2], (String) turn[3]);
            assertThat(r.exit).as("uid " + turn[0] + ": " + r.output).isZero();
            PosixFileAttributes m = Files.readAttributes(manifest, PosixFileAttributes.class);
            assertThat(m.owner().getName()).as("written by").isEqualTo(Integer.toString((int) turn[0]));
            assertThat(m.group().getName()).as("the manifest's group").isEqualTo(Integer.toString(GROUP));
            assertThat(PosixFilePermissions.toString(m.permissions())).isEqualTo("rw-rw-r--");
        }
        // a writer of the group killed before its rename left its temporary file, at its umask
        Path stale = bundle.resolve(ModelBundle.MANIFEST + ".tmp");
        Files.writeString(stale, "{\"half\": ");
        chown(stale, ALICE, GROUP);
        Files.setPosixFilePermissions(stale, PosixFilePermissions.fromString("rw-r--r--"));
        Result afterCrash = record(BOB, BOB, List.of(GROUP), "b2");
        assertThat(afterCrash.exit).as(afterCrash.output).isZero();

        PosixFileAttributes lock = Files.readAttributes(bundle.resolve(ManifestUpdate.LOCK_FILE), PosixFileAttributes.class);
        assertThat(lock.owner().getName()).as("the first writer made the lock").isEqualTo(Integer.toString(ALICE));
        assertThat(lock.group().getName()).isEqualTo(Integer.toString(GROUP));
        assertThat(PosixFilePermissions.toString(lock.permissions())).isEqualTo("rw-rw-r--");

        Result outsiderLast = record(MALLORY, MALLORY, List.of(), "m1");
        assertThat(outsiderLast.exit).as(outsiderLast.output).isEqualTo(2);
        assertThat(outsiderLast.output).contains("cannot write in " + bundle + " to record into its manifest")
                .contains("AccessDeniedException");

        JsonNode metrics = ModelBundle.JSON.readTree(manifest.toFile()).path("metrics");
        assertThat(metrics.path("a1").asText()).isEqualTo("uid " + ALICE);
        assertThat(metrics.path("b1").asText()).isEqualTo("uid " + BOB);
        assertThat(metrics.path("a2").asText()).isEqualTo("uid " + ALICE);
        assertThat(metrics.path("b2").asText()).isEqualTo("uid " + BOB);
        assertThat(metrics.has("m0") || metrics.has("m1")).as("the outsider's metrics").isFalse();
        try (Stream<Path> files = Files.list(bundle)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                    .containsExactly(ManifestUpdate.LOCK_FILE, ModelBundle.MANIFEST);
        }
    }

    private record Result(int exit, String output) {
    }

    private Result record(int uid, int gid, List<Integer> groups, String key) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=" + uid, "--regid=" + gid,
                groups.isEmpty() ? "--clear-groups" : "--groups=" + String.join(",", groups.stream().map(String::valueOf).toList()),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData", "-Xmx64m",
                "-cp", classPath, Writer.class.getName(), manifest.toString(), key));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("writer " + uid + " finished").isTrue();
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /**
     * A writer: records {@code "uid <its uid>"} under the key into the manifest, the way
     * {@code ModelBundle.recordMetric} does; exits 2 with the message when refused.
     */
    public static final class Writer {
        public static void main(String[] args) throws IOException {
            Path file = Path.of(args[0]);
            String uid = String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
            try {
                BundleManifest loaded = ModelBundle.JSON.readValue(file.toFile(), BundleManifest.class);
                ManifestUpdate.apply(file, BundleManifest.class, loaded, BundleManifest::sha256,
                        m -> m.withMetrics(LoadedModel.withMetric(m.metrics(), args[1], new TextNode("uid " + uid))));
            } catch (IOException e) {
                System.out.println(e.getMessage());
                System.exit(2);
            }
        }
    }

    /**
     * The class path, linked (or copied) where another user can read it: the build's own copies may
     * sit under a home folder only root may enter. The large jars of native libraries are left out
     * (a writer loads no engine).
     */
    private static String readableClassPath(Path dir) throws IOException {
        Files.createDirectory(dir);
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            String name = source.getFileName().toString();
            if (Files.isDirectory(source)) {
                Path target = dir.resolve("classes" + n++);
                try (Stream<Path> tree = Files.walk(source)) {
                    for (Path f : (Iterable<Path>) tree::iterator) {
                        Files.copy(f, target.resolve(source.relativize(f).toString()));
                    }
                }
                entries.add(target.toString());
            } else if (name.endsWith(".jar") && Files.size(source) < NO_NATIVE_LIBRARIES) {
                Path target = dir.resolve(name);
                try {
                    Files.createLink(target, source);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(source, target);
                }
                entries.add(target.toString());
            }
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) tree::iterator) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(Files.isDirectory(f) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static void chown(Path file, int uid, int gid) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("chown", uid + ":" + gid, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("chown: " + out).isZero();
    }
}
