package dev.deepfer.infer;

import dev.deepfer.train.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import dev.deepfer.data.Normalization;
import dev.deepfer.model.Ensemble;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An ensemble on disk: {@code ensemble.json} plus one member bundle per sub-directory. Loading
 * verifies every member (SHA-256) and that they share the normalisation (input sizes may differ:
 * {@link Ensemble} gives each member its own crops of the face). Members are
 * fused from their own logits, divided by their manifest temperature if they carry one, exactly
 * as when the weights and the ensemble temperature were fitted; recalibrating the ensemble
 * ({@link #recordTemperature}) changes only {@code ensemble.json}.
 */
public final class EnsembleBundle implements LoadedModel {
    public static final String MANIFEST = "ensemble.json";

    private final Path dir;
    private volatile EnsembleManifest manifest;
    private final List<ModelBundle> members;
    private volatile Ensemble ensemble;

    private EnsembleBundle(Path dir, EnsembleManifest manifest, List<ModelBundle> members, Ensemble ensemble) {
        this.dir = dir;
        this.manifest = manifest;
        this.members = members;
        this.ensemble = ensemble;
    }

    public EnsembleManifest manifest() {
        return manifest;
    }

    @Override
    public Ensemble ensemble() {
        return ensemble;
    }

    public static boolean isEnsemble(Path dir) {
        return Files.isRegularFile(dir.resolve(MANIFEST));
    }

    /** The member bundle directories of the ensemble in {@code dir}, in {@code ensemble.json} order. */
    static List<Path> memberDirs(Path dir) throws IOException {
        EnsembleManifest m = ModelBundle.JSON.readValue(dir.resolve(MANIFEST).toFile(), EnsembleManifest.class);
        List<Path> dirs = new ArrayList<>();
        for (EnsembleManifest.Member member : m.members()) {
            dirs.add(memberDir(dir, member));
        }
        return dirs;
    }

    private static Path memberDir(Path dir, EnsembleManifest.Member member) throws IOException {
        Path memberDir = dir.resolve(member.dir()).normalize();
        if (!memberDir.startsWith(dir.normalize())) {
            throw new IOException(dir + ": member directory " + member.dir() + " is outside the bundle");
        }
        return memberDir;
    }

    public static EnsembleBundle load(Path dir) throws IOException {
        Path file = dir.resolve(MANIFEST);
        EnsembleManifest m = ModelBundle.JSON.readValue(file.toFile(), EnsembleManifest.class);
        check(file, m);
        List<ModelBundle> loaded = new ArrayList<>();
        try {
            double[] weights = new double[m.members().size()];
            for (int i = 0; i < weights.length; i++) {
                EnsembleManifest.Member member = m.members().get(i);
                loaded.add(ModelBundle.load(memberDir(dir, member)));
                weights[i] = member.weight();
                if (!loaded.get(i).normalization().equals(loaded.get(0).normalization())) {
                    throw new IOException(dir + ": members " + m.members().get(0).dir() + " and " + member.dir()
                            + " use different input normalisation");
                }
            }
            return new EnsembleBundle(dir, m, List.copyOf(loaded),
                    new Ensemble(loaded, m.fusion(), weights, m.temperature()));
        } catch (IOException | RuntimeException e) {
            loaded.forEach(ModelBundle::close);
            throw e;
        }
    }

    /** Refuses a manifest that would load and then fail on the first request, naming the file. */
    private static void check(Path file, EnsembleManifest m) throws IOException {
        if (m.format() != EnsembleManifest.FORMAT) {
            throw new IOException(file + ": unsupported ensemble format " + m.format());
        }
        if (m.fusion() == null || m.members() == null || m.members().isEmpty()) {
            throw new IOException(file + " lacks its fusion or its members");
        }
        if (!(m.temperature() > 0 && Double.isFinite(m.temperature()))) {
            throw new IOException(file + ": temperature must be positive and finite, got " + m.temperature()
                    + (m.temperature() == 0 ? " (missing?)" : ""));
        }
        for (EnsembleManifest.Member member : m.members()) {
            if (member == null || member.dir() == null || !(member.weight() >= 0 && Double.isFinite(member.weight()))) {
                throw new IOException(file + ": a member needs a directory and a finite weight >= 0, got " + member);
            }
        }
    }

    /**
     * Writes an ensemble bundle: copies each member bundle into {@code dir/members/<its directory's
     * name>} (with {@code -2}, {@code -3}, … when members' directories share a name, as
     * {@code runs/a/bundle} and {@code runs/b/bundle} do) and writes the manifest.
     */
    public static void write(Path dir, List<Path> memberDirs, EnsembleManifest manifest) throws IOException {
        Files.createDirectories(dir.resolve("members"));
        List<EnsembleManifest.Member> members = new ArrayList<>();
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (int i = 0; i < memberDirs.size(); i++) {
            Path src = memberDirs.get(i);
            String name = src.getFileName().toString();
            for (int k = 2; !taken.add(name); k++) {
                name = src.getFileName() + "-" + k;
            }
            String rel = "members/" + name;
            Path target = dir.resolve(rel);
            if (!src.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())) {
                Files.createDirectories(target);
                try (var files = Files.list(src)) {
                    for (Path f : files.toList()) {
                        Files.copy(f, target.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            members.add(new EnsembleManifest.Member(rel, manifest.members().get(i).weight()));
        }
        EnsembleManifest done = new EnsembleManifest(manifest.format(), manifest.name(), manifest.fusion(), members,
                manifest.temperature(), manifest.fittedOn(), manifest.metrics(), manifest.command(),
                manifest.codeVersion(), manifest.created());
        writeManifest(dir, done);
    }

    public static void writeManifest(Path dir, EnsembleManifest manifest) throws IOException {
        AtomicFiles.write(dir.resolve(MANIFEST), ModelBundle.JSON.writeValueAsBytes(manifest));
    }

    @Override
    public synchronized void recordMetric(String key, JsonNode value) throws IOException {
        manifest = ManifestUpdate.apply(dir.resolve(MANIFEST), EnsembleManifest.class, manifest,
                m -> List.of(m.members(), m.fusion(), m.temperature()), this::membersAsLoaded,
                m -> m.withMetrics(LoadedModel.withMetric(m.metrics(), key, value)));
    }

    /**
     * Refuses when a member's manifest on disk no longer describes the member that was measured
     * (its weights re-trained, or a temperature written by {@code calibrate --write} on the member).
     */
    private void membersAsLoaded() throws IOException {
        for (ModelBundle member : members) {
            Path file = member.directory().resolve(ModelBundle.MANIFEST);
            BundleManifest now = ModelBundle.JSON.readValue(file.toFile(), BundleManifest.class);
            List<Object> disk = java.util.Arrays.asList(now.sha256(), now.temperature());
            List<Object> loaded = java.util.Arrays.asList(member.manifest().sha256(), member.manifest().temperature());
            if (!disk.equals(loaded)) {
                throw new IOException(file + " changed since the model was loaded (now " + disk + ", loaded " + loaded
                        + "): not recording into " + dir.resolve(MANIFEST));
            }
        }
    }

    @Override
    public String name() {
        return manifest.name();
    }

    @Override
    public Normalization normalization() {
        return members.get(0).normalization();
    }

    @Override
    public List<ModelBundle> members() {
        return members;
    }

    @Override
    public double temperature() {
        return ensemble.temperature();
    }

    @Override
    public float[][] combine(List<float[][]> memberLogits) {
        return ensemble.fuse(memberLogits);
    }

    /** Replaces the ensemble's temperature in {@code ensemble.json} (members untouched). */
    @Override
    public synchronized void recordTemperature(double t) throws IOException {
        Ensemble recalibrated = ensemble.withTemperature(t);
        manifest = ManifestUpdate.apply(dir.resolve(MANIFEST), EnsembleManifest.class, manifest,
                m -> List.of(m.members(), m.fusion()), m -> m.withTemperature(t));
        ensemble = recalibrated;
    }

    @Override
    public JsonNode manifestJson() {
        return ModelBundle.JSON.valueToTree(manifest);
    }

    @Override
    public int inputSize() {
        return ensemble.inputSize();
    }

    @Override
    public float[][] logits(float[] images, int count) {
        return ensemble.logits(images, count);
    }

    @Override
    public float[][] logits(java.util.function.IntFunction<float[]> imagesAtSide, int count) {
        return ensemble.logits(imagesAtSide, count);
    }

    @Override
    public void close() {
        members.forEach(ModelBundle::close);
    }
}
