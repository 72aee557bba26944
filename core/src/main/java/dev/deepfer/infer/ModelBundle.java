package dev.deepfer.infer;

import dev.deepfer.train.AtomicFiles;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deepfer.data.Emotion;
import dev.deepfer.data.Normalization;
import dev.deepfer.model.FaceClassifier;
import dev.deepfer.model.FerNetwork;
import dev.deepfer.model.NetworkClassifier;
import dev.deepfer.train.TrainConfig;
import dev.deepfer.train.TrainingHistory;
import dev.deepfer.train.TrainingResult;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A trained member on disk: a directory with {@code manifest.json} and a weights file (every
 * trainable and running-statistics array, by name, as float32, float16 or int8 — see
 * {@link WeightPrecision}). Loading rebuilds the
 * network from the manifest, checks the weights' SHA-256 and shapes, and fails with a clear
 * message on a corrupted or truncated file. A manifest {@code temperature} (fitted by
 * {@code deepfer calibrate --write}) divides the logits, so every probability the bundle gives is
 * the calibrated one; manifests without it mean T = 1. A loaded bundle is a thread-safe
 * {@link FaceClassifier}; close it to free its native memory.
 */
public final class ModelBundle implements LoadedModel {
    public static final String MANIFEST = "manifest.json";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private volatile BundleManifest manifest;
    private final NDManager manager;
    private final NetworkClassifier classifier;

    private ModelBundle(Path dir, BundleManifest manifest, NDManager manager, NetworkClassifier classifier) {
        this.dir = dir;
        this.manifest = manifest;
        this.manager = manager;
        this.classifier = classifier;
    }

    public BundleManifest manifest() {
        return manifest;
    }

    public Path directory() {
        return dir;
    }

    public FerNetwork network() {
        return (FerNetwork) classifier.network();
    }

    @Override
    public Normalization normalization() {
        return manifest.normalization();
    }

    @Override
    public synchronized void recordMetric(String key, com.fasterxml.jackson.databind.JsonNode value)
            throws IOException {
        manifest = ManifestUpdate.apply(dir.resolve(MANIFEST), BundleManifest.class, manifest,
                m -> Arrays.asList(m.sha256(), m.temperature()),
                m -> m.withMetrics(LoadedModel.withMetric(m.metrics(), key, value)));
    }

    @Override
    public String name() {
        return manifest.name();
    }

    @Override
    public java.util.List<ModelBundle> members() {
        return java.util.List.of(this);
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode manifestJson() {
        return JSON.valueToTree(manifest);
    }

    @Override
    public int inputSize() {
        return manifest.inputSize();
    }

    /** The manifest's calibration temperature, 1 when it has none. */
    @Override
    public double temperature() {
        Double t = manifest.temperature();
        return t == null ? 1 : t;
    }

    /** The network's logits divided by the calibration temperature. */
    @Override
    public float[][] logits(float[] images, int count) {
        float[][] logits = classifier.logits(images, count);
        double t = temperature();
        if (t != 1) {
            for (float[] row : logits) {
                for (int c = 0; c < row.length; c++) {
                    row[c] = (float) (row[c] / t);
                }
            }
        }
        return logits;
    }

    @Override
    public float[][] combine(java.util.List<float[][]> memberLogits) {
        return memberLogits.get(0);
    }

    @Override
    public synchronized void recordTemperature(double t) throws IOException {
        manifest = ManifestUpdate.apply(dir.resolve(MANIFEST), BundleManifest.class, manifest, BundleManifest::sha256,
                m -> m.withTemperature(t));
    }

    /** The default bundle: {@code -Ddeepfer.models}, {@code $DEEPFER_MODELS}, else {@code ./models}, then {@code default/}. */
    public static Path defaultLocation() {
        String prop = Optional.ofNullable(System.getProperty("deepfer.models")).orElse(System.getenv("DEEPFER_MODELS"));
        return Path.of(prop != null ? prop : "models").resolve("default");
    }

    /**
     * What the weights' hash does not cover and nothing else would catch before a request: the
     * network takes grey faces cropped from 48x48 ones, so 1 channel and a side of 1 to 48 (one
     * trained at another side is refused, not fed the wrong crop), and a temperature must be positive
     * and finite (0 made every logit infinite and every answer "angry" with confidence NaN).
     */
    private static void checkInput(Path manifestFile, BundleManifest m) throws IOException {
        if (m.inputChannels() != 1) {
            throw new IOException(manifestFile + ": inputChannels " + m.inputChannels()
                    + ", but deepfer feeds grey faces (1 channel)");
        }
        if (m.inputSize() < 1 || m.inputSize() > dev.deepfer.data.Fer2013Csv.SIZE) {
            throw new IOException(manifestFile + ": inputSize " + m.inputSize() + " is not a crop of the "
                    + dev.deepfer.data.Fer2013Csv.SIZE + "x" + dev.deepfer.data.Fer2013Csv.SIZE + " faces (1 to "
                    + dev.deepfer.data.Fer2013Csv.SIZE + ")");
        }
        int trained = m.training() == null ? 0 : m.training().path("inputSize").asInt(0);
        if (trained != 0 && trained != m.inputSize()) {
            throw new IOException(manifestFile + ": inputSize " + m.inputSize() + " differs from the "
                    + trained + " the network was trained at (training.inputSize)");
        }
        if (m.temperature() != null && !(m.temperature() > 0 && Double.isFinite(m.temperature()))) {
            throw new IOException(manifestFile + ": temperature must be positive and finite, got " + m.temperature());
        }
    }

    /** Loads and verifies the bundle in {@code dir}. */
    public static ModelBundle load(Path dir) throws IOException {
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new IOException("no model bundle at " + dir + " (missing " + MANIFEST + ")");
        }
        BundleManifest m = JSON.readValue(manifestFile.toFile(), BundleManifest.class);
        if (m.format() != BundleManifest.FORMAT) {
            throw new IOException(manifestFile + ": unsupported bundle format " + m.format());
        }
        if (m.architecture() == null || m.cbam() == null || m.stem() == null || m.labels() == null
                || m.normalization() == null || m.weights() == null || m.sha256() == null) {
            throw new IOException(manifestFile + " lacks one of architecture, cbam, stem, labels, normalization, "
                    + "weights, sha256");
        }
        checkInput(manifestFile, m);
        List<String> expected = Arrays.stream(Emotion.values()).map(Emotion::label).toList();
        if (!m.labels().equals(expected)) {
            // every consumer reads output i as Emotion.values()[i]: another order would rename every prediction
            throw new IOException(manifestFile + ": labels " + m.labels() + " are not deepfer's output order "
                    + expected);
        }
        Path weights = dir.resolve(m.weights()).normalize();
        if (!weights.startsWith(dir.normalize())) {
            throw new IOException(manifestFile + ": weights file '" + m.weights() + "' is outside the bundle");
        }
        if (!Files.isRegularFile(weights)) {
            throw new IOException(dir + ": weights file '" + m.weights() + "' is missing");
        }
        byte[] weightBytes = Files.readAllBytes(weights); // hashed and decoded from the same read
        String actual = sha256(weightBytes);
        if (!actual.equals(m.sha256())) {
            throw new IOException(weights + " is corrupted or truncated: SHA-256 " + actual
                    + " differs from the manifest's " + m.sha256());
        }
        NDManager manager = NDManager.newBaseManager();
        try {
            FerNetwork net = m.architecture().build(new dev.deepfer.model.NetworkOptions(m.inputChannels(),
                    m.labels().size(), m.cbam(), m.stem(), 0f));
            net.initialize(manager, DataType.FLOAT32, new Shape(1, m.inputChannels(), m.inputSize(), m.inputSize()));
            try (NDManager scope = manager.newSubManager()) {
                NDList arrays = NDList.decode(scope, weightBytes);
                WeightCodec.decodeInto(net.getParameters(), arrays, weights);
            }
            return new ModelBundle(dir, m, manager, new NetworkClassifier(net, manager, m.inputSize()));
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Writes a bundle of a network's current parameters.
     *
     * @param precision how to store the weights (float16 and int8 are smaller: check the accuracy loss first)
     */
    public static BundleManifest write(Path dir, FerNetwork net, BundleManifest manifest, WeightPrecision precision)
            throws IOException {
        Files.createDirectories(dir);
        try (NDManager scope = NDManager.newBaseManager()) {
            NDList arrays = WeightCodec.encode(net.getParameters(), precision, scope);
            String file = "weights.ndlist";
            AtomicFiles.write(dir.resolve(file), arrays.encode());
            BundleManifest done = manifest.withWeights(file, precision.id(), sha256(dir.resolve(file)));
            AtomicFiles.write(dir.resolve(MANIFEST), JSON.writeValueAsBytes(done));
            return done;
        }
    }

    /** Rewrites the manifest only (e.g. to add evaluation metrics). */
    public static void writeManifest(Path dir, BundleManifest manifest) throws IOException {
        AtomicFiles.write(dir.resolve(MANIFEST), JSON.writeValueAsBytes(manifest));
    }

    /** Makes a bundle from a finished run's best parameters. */
    public static BundleManifest fromTraining(Path dir, TrainConfig config, TrainingResult result, Normalization norm,
                                              String command) throws IOException {
        return fromTraining(dir, dir.getFileName().toString(), config, result, norm, command, WeightPrecision.FLOAT32);
    }

    /** As {@link #fromTraining(Path, TrainConfig, TrainingResult, Normalization, String)}, in a chosen precision. */
    public static BundleManifest fromTraining(Path dir, String name, TrainConfig config, TrainingResult result,
                                              Normalization norm, String command, WeightPrecision precision)
            throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            FerNetwork net = config.architecture().build(config.networkOptions());
            net.initialize(m, DataType.FLOAT32, new Shape(1, 1, config.inputSize(), config.inputSize()));
            try (DataInputStream in = new DataInputStream(Files.newInputStream(result.bestParams()))) {
                net.loadParameters(m, in);
            } catch (ai.djl.MalformedModelException e) {
                throw new IOException(result.bestParams() + " does not match " + config.architecture().id(), e);
            }
            ObjectNode metrics = JSON.createObjectNode().put("best_epoch", result.bestEpoch())
                    .put("best_validation_" + config.selection().name().toLowerCase(java.util.Locale.ROOT),
                            result.bestMetric());
            return fromNetwork(dir, name, config, net, metrics, trainingRecord(config, result.dir()), norm, command,
                    precision);
        }
    }

    /**
     * Makes a bundle of a trained network's current parameters (e.g. averaged ones), with the
     * given metrics and training record.
     */
    public static BundleManifest fromNetwork(Path dir, String name, TrainConfig config, FerNetwork net,
                                             ObjectNode metrics, ObjectNode training, Normalization norm,
                                             String command, WeightPrecision precision) throws IOException {
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT, name,
                config.architecture(), config.cbam(), config.stem(), config.inputSize(), 1,
                Arrays.stream(Emotion.values()).map(Emotion::label).toList(), norm, null, null, null,
                metrics, training, command, CodeVersion.get(), Instant.now().toString(), null);
        return write(dir, net, manifest, precision);
    }

    /** The config, plus the per-epoch history when the run directory ({@code null}: none) has its metrics log. */
    public static ObjectNode trainingRecord(TrainConfig config, Path runDir) throws IOException {
        ObjectNode training = (ObjectNode) JSON.readTree(config.toJson());
        Path log = runDir == null ? null : runDir.resolve("metrics.jsonl");
        if (log != null && Files.isRegularFile(log)) {
            training.set("history", TrainingHistory.read(log));
        }
        return training;
    }

    /** Hex SHA-256 of a file. */
    /** Hex SHA-256 of {@code bytes}. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
