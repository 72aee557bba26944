package dev.deepfer.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deepfer.infer.EnsembleBundle;
import dev.deepfer.infer.ModelBundle;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Finds a model bundle where a Spark process can load it: the bundle inside the jar (the default),
 * a local folder or {@code .zip}, one shipped with {@code spark-submit --files}/{@code --archives}
 * (looked up in {@link SparkFiles}), or any Hadoop URI ({@code hdfs://}, {@code s3a://}, …) copied
 * to a local temporary folder. Each spec is resolved once per JVM. Also computes the bundle's
 * fingerprint: the weights' SHA-256 of a member bundle, or the SHA-256 of an ensemble's
 * {@code ensemble.json} and its members' hashes.
 */
final class ModelSource {
    /** Where the build puts the default bundle inside the jar. */
    static final String JAR_PREFIX = "dev/deepfer/spark/model/";
    private static final Pattern URI_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]+:.*");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Path> RESOLVED = new ConcurrentHashMap<>();

    private ModelSource() {
    }

    /** How a spec is shown ({@code null} is the jar's bundle). */
    static String describe(String spec) {
        return spec == null ? "the bundle inside the deepfer-spark jar" : spec;
    }

    /** A local folder holding the bundle that {@code spec} names, made once per JVM. */
    static Path localDirectory(String spec, Configuration hadoop) throws IOException {
        String key = spec == null ? "" : spec;
        try {
            return RESOLVED.computeIfAbsent(key, k -> {
                try {
                    return resolve(spec, hadoop);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Path resolve(String spec, Configuration hadoop) throws IOException {
        if (spec == null) {
            return extractFromJar();
        }
        boolean hasScheme = URI_SCHEME.matcher(spec).matches();
        if (!hasScheme || spec.startsWith("file:")) {
            Path local = hasScheme ? Path.of(URI.create(spec)) : Path.of(spec);
            if (Files.exists(local)) {
                return bundleIn(local);
            }
            Path shipped = shipped(local.getFileName().toString());
            if (shipped != null) {
                return bundleIn(shipped);
            }
            throw new IOException("no model bundle at " + spec + " (looked on this machine"
                    + (SparkEnv.get() != null ? " and among the files shipped with --files/--archives" : "") + ")");
        }
        org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(spec);
        FileSystem fs = src.getFileSystem(hadoop);
        if (!fs.exists(src)) {
            throw new IOException("no model bundle at " + spec);
        }
        Path dst = tempDirectory("deepfer-model-copy");
        fs.copyToLocalFile(false, src, new org.apache.hadoop.fs.Path(dst.toUri()), true);
        return bundleIn(dst.resolve(src.getName()));
    }

    /** A file or folder of that name shipped with {@code --files}/{@code --archives}, if any. */
    private static Path shipped(String name) {
        if (SparkEnv.get() == null) {
            return null;
        }
        Path p = Path.of(SparkFiles.get(name));
        return Files.exists(p) ? p : null;
    }

    /**
     * The bundle folder in {@code location} (a folder, or a {@code .zip} unpacked): the folder itself
     * or its shallowest sub-folder holding a manifest, so an archive may wrap the bundle in a folder.
     */
    private static Path bundleIn(Path location) throws IOException {
        if (Files.isDirectory(location)) {
            return findBundle(location, location);
        }
        if (!location.getFileName().toString().endsWith(".zip")) {
            throw new IOException(location + " is neither a bundle folder nor a .zip of one");
        }
        Path dir = tempDirectory("deepfer-model-zip");
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(location))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                Path target = dir.resolve(e.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException(location + ": entry " + e.getName() + " points outside the folder");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return findBundle(dir, location);
    }

    private static Path findBundle(Path dir, Path location) throws IOException {
        try (Stream<Path> s = Files.walk(dir, 2)) {
            return s.filter(dev.deepfer.infer.Models::isBundle).min(Comparator.comparingInt(Path::getNameCount))
                    .orElseThrow(() -> new IOException(location + " holds no " + ModelBundle.MANIFEST + " or "
                            + EnsembleBundle.MANIFEST));
        }
    }

    /** Copies the jar's bundle (member or ensemble, following the manifests) to a temporary folder. */
    private static Path extractFromJar() throws IOException {
        Path dir = tempDirectory("deepfer-model-jar");
        List<String> members = new ArrayList<>();
        if (copyResource(EnsembleBundle.MANIFEST, dir)) {
            for (JsonNode m : JSON.readTree(dir.resolve(EnsembleBundle.MANIFEST).toFile()).path("members")) {
                members.add(m.path("dir").asText() + "/");
            }
        } else {
            members.add("");
        }
        for (String member : members) {
            if (!copyResource(member + ModelBundle.MANIFEST, dir)) {
                throw new IOException("the jar holds no model bundle at " + JAR_PREFIX + member
                        + " (was it built from models/default?)");
            }
            String weights = JSON.readTree(dir.resolve(member + ModelBundle.MANIFEST).toFile()).path("weights").asText();
            if (!copyResource(member + weights, dir)) {
                throw new IOException("the jar's bundle lacks its weights file " + JAR_PREFIX + member + weights);
            }
        }
        return dir;
    }

    private static boolean copyResource(String relative, Path dir) throws IOException {
        try (InputStream in = ModelSource.class.getClassLoader().getResourceAsStream(JAR_PREFIX + relative)) {
            if (in == null) {
                return false;
            }
            Path target = dir.resolve(relative).normalize();
            if (!target.startsWith(dir)) {
                throw new IOException("bundle file " + relative + " points outside the bundle");
            }
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return true;
        }
    }

    /**
     * The bundle's identity, from its manifests only (no weights are read): a member's weights
     * SHA-256 (checked against the weights when the bundle loads), or for an ensemble the SHA-256 of
     * {@code ensemble.json} followed by each member's weights hash.
     */
    static String fingerprint(Path dir) throws IOException {
        if (!EnsembleBundle.isEnsemble(dir)) {
            return manifestHash(dir);
        }
        byte[] manifest = Files.readAllBytes(dir.resolve(EnsembleBundle.MANIFEST));
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(manifest);
            for (JsonNode m : JSON.readTree(manifest).path("members")) {
                d.update(manifestHash(dir.resolve(m.path("dir").asText())).getBytes(StandardCharsets.US_ASCII));
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks every weights file against its manifest's SHA-256 (what loading checks too), so the
     * driver refuses a corrupted bundle before any task starts.
     */
    static void verifyWeights(Path dir) throws IOException {
        List<Path> members = new ArrayList<>();
        if (EnsembleBundle.isEnsemble(dir)) {
            for (JsonNode m : JSON.readTree(dir.resolve(EnsembleBundle.MANIFEST).toFile()).path("members")) {
                members.add(dir.resolve(m.path("dir").asText()));
            }
        } else {
            members.add(dir);
        }
        for (Path member : members) {
            Path weights = member.resolve(JSON.readTree(member.resolve(ModelBundle.MANIFEST).toFile())
                    .path("weights").asText(""));
            String actual = Files.isRegularFile(weights) ? ModelBundle.sha256(weights) : "missing";
            if (!actual.equals(manifestHash(member))) {
                throw new IOException("model bundle " + dir + ": " + weights + " is " + (actual.equals("missing")
                        ? "missing" : "corrupted or truncated (SHA-256 " + actual + " differs from its manifest's)"));
            }
        }
    }

    private static String manifestHash(Path memberDir) throws IOException {
        String sha = JSON.readTree(memberDir.resolve(ModelBundle.MANIFEST).toFile()).path("sha256").asText("");
        if (sha.isEmpty()) {
            throw new IOException(memberDir.resolve(ModelBundle.MANIFEST) + " has no sha256");
        }
        return sha;
    }

    /** The bundle's name from its manifest. */
    static String name(Path dir) throws IOException {
        Path manifest = dir.resolve(EnsembleBundle.isEnsemble(dir) ? EnsembleBundle.MANIFEST : ModelBundle.MANIFEST);
        return JSON.readTree(manifest.toFile()).path("name").asText(dir.getFileName().toString());
    }

    /** A temporary folder removed when the JVM exits. */
    private static Path tempDirectory(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix).toRealPath();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        return dir;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort at exit: a left-over temporary folder is harmless
        }
    }
}
