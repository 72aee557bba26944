package dev.deepfer.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.deepfer.data.Emotion;
import dev.deepfer.data.Normalization;
import dev.deepfer.model.Architecture;
import dev.deepfer.model.FerNetwork;
import dev.deepfer.model.NetworkClassifier;
import dev.deepfer.model.NetworkOptions;
import dev.deepfer.model.Stem;
import dev.deepfer.nn.CbamPlacement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle written from a network reproduces that network's logits, and a damaged bundle fails to
 * load with a message that says what is wrong and where.
 */
class ModelBundleTest {
    private static final int SIZE = 44;
    private static final int IMAGES = 2;

    @TempDir
    Path tmp;

    private NDManager manager;
    private FerNetwork net;
    private float[] input;

    /**
     * A seeded multi-scale CNN with CBAM whose batch-norm running statistics are moved away from
     * their 0/1 initial values, so that a bundle that forgot them would give other logits.
     */
    @BeforeEach
    void buildNetwork() {
        manager = NDManager.newBaseManager();
        Engine.getInstance().setRandomSeed(7);
        net = Architecture.MULTISCALE_CNN_CBAM.build(NetworkOptions.faces(CbamPlacement.BLOCK, Stem.IMAGENET));
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, SIZE, SIZE));
        Random random = new Random(11);
        for (Pair<String, Parameter> p : net.getParameters()) {
            Parameter.Type type = p.getValue().getType();
            NDArray a = p.getValue().getArray();
            float[] values = new float[Math.toIntExact(a.size())];
            if (type == Parameter.Type.RUNNING_MEAN || type == Parameter.Type.RUNNING_VAR) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (type == Parameter.Type.RUNNING_MEAN ? 0.1 * random.nextGaussian()
                            : 0.5 + random.nextDouble());
                }
                a.set(values);
            }
        }
        input = new float[IMAGES * SIZE * SIZE];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) random.nextGaussian();
        }
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private float[][] originalLogits() {
        return new NetworkClassifier(net, manager, SIZE).logits(input, IMAGES);
    }

    private static BundleManifest manifest() {
        return new BundleManifest(BundleManifest.FORMAT, "test", Architecture.MULTISCALE_CNN_CBAM,
                CbamPlacement.BLOCK, Stem.IMAGENET, SIZE, 1,
                Arrays.stream(Emotion.values()).map(Emotion::label).toList(), Normalization.FER2013,
                null, null, null, null, null, "test", "unknown", "2026-01-01T00:00:00Z", null);
    }

    private float[][] bundleLogits(Path dir) throws IOException {
        try (ModelBundle bundle = ModelBundle.load(dir)) {
            assertThat(bundle.inputSize()).isEqualTo(SIZE);
            return bundle.logits(input, IMAGES);
        }
    }

    private static void assertClose(float[][] actual, float[][] expected, double tolerance) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).hasSize(Emotion.COUNT);
            for (int c = 0; c < expected[i].length; c++) {
                assertThat((double) actual[i][c]).as("image %d class %d", i, c)
                        .isCloseTo(expected[i][c], within(tolerance));
            }
        }
    }

    /** Writes the network and checks the manifest's dtype and its hash of the weights file. */
    private BundleManifest writeChecked(Path dir, WeightPrecision precision) throws IOException {
        BundleManifest written = ModelBundle.write(dir, net, manifest(), precision);
        assertThat(written.dtype()).isEqualTo(precision.id());
        assertThat(written.sha256()).isEqualTo(ModelBundle.sha256(dir.resolve(written.weights())));
        return written;
    }

    /** Writes the network in {@code precision} and checks its weights file is under {@code fraction} of float32's. */
    private Path writeSmallerThanFloat32(WeightPrecision precision, double fraction) throws IOException {
        Path dir = tmp.resolve(precision.id());
        BundleManifest written = writeChecked(dir, precision);
        Path fp32 = tmp.resolve("fp32-reference");
        long fp32Bytes = Files.size(fp32.resolve(writeChecked(fp32, WeightPrecision.FLOAT32).weights()));
        assertThat((double) Files.size(dir.resolve(written.weights()))).isLessThan(fp32Bytes * fraction);
        return dir;
    }

    @Test
    void float32BundleReproducesTheLogits() throws IOException {
        float[][] expected = originalLogits();
        Path dir = tmp.resolve("fp32");
        BundleManifest written = writeChecked(dir, WeightPrecision.FLOAT32);
        assertClose(bundleLogits(dir), expected, 1e-5);
        try (ModelBundle bundle = ModelBundle.load(dir)) {
            assertThat(bundle.manifest()).isEqualTo(written);
        }
    }

    /**
     * A temperature written with {@code recordTemperature} is in the manifest after a reload (an old
     * manifest has none and means 1), divides the logits, and is what the recogniser's confidence uses:
     * {@code softmax(log p / T)} of the uncalibrated probabilities p.
     */
    @Test
    void calibrationTemperatureRoundTripsAndSoftensTheReturnedConfidence() throws IOException {
        Path dir = tmp.resolve("calibrated");
        writeChecked(dir, WeightPrecision.FLOAT32);
        byte[] pixels = new byte[48 * 48];
        new Random(5).nextBytes(pixels);
        java.util.List<dev.deepfer.face.AlignedFace> faces = java.util.List.of(new dev.deepfer.face.AlignedFace(
                pixels, 48, new dev.deepfer.face.FaceBox(0, 0, 48, 48, 1), 0, true));
        FaceEmotion before;
        try (ModelBundle bundle = ModelBundle.load(dir)) {
            assertThat(bundle.temperature()).isEqualTo(1);
            assertThat(bundle.manifestJson().has("temperature")).as("absent until fitted").isFalse();
            EmotionRecognizer recognizer = new EmotionRecognizer(bundle, null, null, null);
            before = recognizer.classify(faces).get(0);
            assertThat(recognizer.classify(java.util.List.of())).as("no faces, no answers").isEmpty();
            java.util.List<dev.deepfer.face.AlignedFace> mixed = java.util.List.of(faces.get(0), new dev.deepfer.face.AlignedFace(
                    new byte[40 * 40], 40, new dev.deepfer.face.FaceBox(0, 0, 40, 40, 1), 0, true));
            assertThatThrownBy(() -> recognizer.classify(mixed)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("48 and 40");
            bundle.recordTemperature(2.5);
        }
        try (ModelBundle bundle = ModelBundle.load(dir)) {
            assertThat(bundle.manifest().temperature()).isEqualTo(2.5);
            assertThat(bundle.manifestJson().path("temperature").asDouble()).isEqualTo(2.5);
            float[][] scaled = originalLogits();
            for (float[] row : scaled) {
                for (int c = 0; c < row.length; c++) {
                    row[c] /= 2.5f;
                }
            }
            assertClose(bundle.logits(input, IMAGES), scaled, 1e-5);
            FaceEmotion after = new EmotionRecognizer(bundle, null, null, null).classify(faces).get(0);
            float[] logP = new float[Emotion.COUNT];
            for (Emotion e : Emotion.values()) {
                logP[e.ordinal()] = (float) Math.log(before.probabilities().get(e));
            }
            double[] expected = dev.deepfer.eval.Calibration.softmax(logP, 2.5);
            assertThat(after.emotion()).isEqualTo(before.emotion());
            assertThat(after.confidence()).isCloseTo(expected[after.emotion().ordinal()], within(1e-5))
                    .isLessThan(before.confidence());
        }
        assertThatThrownBy(() -> manifest().withTemperature(0)).hasMessageContaining("temperature");
    }

    /**
     * Float16 keeps 11 significant bits, so each weight moves by up to 2^-11 of itself and the
     * logits by a few 1e-3 of their scale. Exact check: the fp16 bundle equals (to fp32 rounding)
     * the original network with every parameter rounded to fp16; sanity check: that is within 2% of
     * the largest logit of the fp32 result.
     */
    @Test
    void float16BundleEqualsTheNetworkWithHalfPrecisionWeights() throws IOException {
        float[][] full = originalLogits();
        Path dir = writeSmallerThanFloat32(WeightPrecision.FLOAT16, 0.6);

        float[][] loaded = bundleLogits(dir);

        for (Pair<String, Parameter> p : net.getParameters()) {
            NDArray a = p.getValue().getArray();
            try (NDArray half = a.toType(DataType.FLOAT16, true); NDArray back = half.toType(DataType.FLOAT32, true)) {
                a.set(back.toFloatArray());
            }
        }
        assertClose(loaded, originalLogits(), 1e-5);
        double scale = Arrays.stream(full).flatMapToDouble(r -> {
            double[] d = new double[r.length];
            Arrays.setAll(d, i -> Math.abs(r[i]));
            return Arrays.stream(d);
        }).max().orElseThrow();
        assertClose(loaded, full, 0.02 * Math.max(scale, 1e-3));
    }

    /**
     * Int8 bundles: about a quarter of float32 on disk, and the loaded network equals the original
     * with every weight of two or more dimensions replaced by round(w / s) * s, s = max|w| / 127 over
     * its output channel — computed here in plain Java, independently of the codec.
     */
    @Test
    void int8BundleEqualsTheNetworkWithPerChannelQuantisedWeights() throws IOException {
        Path dir = writeSmallerThanFloat32(WeightPrecision.INT8, 0.3);

        float[][] loaded = bundleLogits(dir);

        int quantised = 0;
        for (Pair<String, Parameter> p : net.getParameters()) {
            NDArray a = p.getValue().getArray();
            if (a.getShape().dimension() < 2) {
                continue;
            }
            float[] w = a.toFloatArray();
            int rows = (int) a.getShape().get(0);
            int cols = w.length / rows;
            for (int r = 0; r < rows; r++) {
                float max = 0;
                for (int c = 0; c < cols; c++) {
                    max = Math.max(max, Math.abs(w[r * cols + c]));
                }
                float step = max == 0 ? 1 : max / 127f;
                for (int c = 0; c < cols; c++) {
                    w[r * cols + c] = Math.round(w[r * cols + c] / step) * step;
                }
            }
            a.set(w);
            quantised++;
        }
        assertThat(quantised).isGreaterThan(10);
        assertClose(loaded, originalLogits(), 1e-4);
    }

    /** Worked example: row [0.5, -1, 0.25] has scale 1/127 and codes [64, -127, 32]; a zero row gets scale 1. */
    @Test
    void int8QuantisationKnownAnswer() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {0.5f, -1f, 0.25f, 0f, 0f, 0f}, new Shape(2, 3));
            NDArray[] qs = WeightCodec.quantize(w, m);
            assertThat(qs[0].getDataType()).isEqualTo(DataType.INT8);
            assertThat(qs[0].getShape()).isEqualTo(new Shape(2, 3));
            assertThat(qs[0].toType(DataType.INT32, false).toIntArray()).containsExactly(64, -127, 32, 0, 0, 0);
            assertThat(qs[1].toFloatArray()).containsExactly(1f / 127, 1f);
            assertThat(WeightCodec.dequantize(qs[0], qs[1]).toFloatArray())
                    .containsExactly(new float[] {64f / 127, -1f, 32f / 127, 0f, 0f, 0f}, within(1e-6f));
        }
    }

    /** An int8 array must be followed by its scales: a file without them is refused by name. */
    @Test
    void int8ArrayWithoutItsScalesIsRefused() {
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.ndarray.NDList arrays = WeightCodec.encode(net.getParameters(), WeightPrecision.INT8, m);
            int scale = 0;
            while (!arrays.get(scale).getName().endsWith(WeightCodec.SCALE_SUFFIX)) {
                scale++;
            }
            String quantised = arrays.get(scale - 1).getName();
            arrays.remove(scale);
            assertThatThrownBy(() -> WeightCodec.decodeInto(net.getParameters(), arrays, Path.of("w.ndlist")))
                    .isInstanceOf(IOException.class).hasMessageContaining("int8 array " + quantised)
                    .hasMessageContaining("scales");
        }
    }

    @Test
    void flippedByteIsReportedAsCorruption() throws IOException {
        Path dir = tmp.resolve("flip");
        Path weights = dir.resolve(ModelBundle.write(dir, net, manifest(), WeightPrecision.FLOAT32).weights());
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(weights, bytes);

        assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("corrupted or truncated").hasMessageContaining(weights.toString());
    }

    @Test
    void truncatedWeightsAreReported() throws IOException {
        Path dir = tmp.resolve("cut");
        Path weights = dir.resolve(ModelBundle.write(dir, net, manifest(), WeightPrecision.FLOAT32).weights());
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, Arrays.copyOf(bytes, bytes.length / 3));

        assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("corrupted or truncated").hasMessageContaining(weights.toString());
    }

    @Test
    void directoryWithoutManifestIsNoBundle() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));

        assertThatThrownBy(() -> ModelBundle.load(empty)).isInstanceOf(IOException.class)
                .hasMessageContaining("no model bundle").hasMessageContaining(ModelBundle.MANIFEST)
                .hasMessageContaining(empty.toString());
    }

    /** The file outside exists and has the right hash, so only the path can be the reason. */
    @Test
    void weightsOutsideTheBundleAreRefused() throws IOException {
        Path dir = tmp.resolve("escape");
        BundleManifest written = ModelBundle.write(dir, net, manifest(), WeightPrecision.FLOAT32);
        Files.copy(dir.resolve(written.weights()), tmp.resolve("x"));
        ModelBundle.writeManifest(dir, written.withWeights("../x", written.dtype(), written.sha256()));

        assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("../x").hasMessageContaining("outside");
    }

    @Test
    void manifestWithoutWeightsIsRejectedWithAMessage() throws IOException {
        Path dir = tmp.resolve("noweights");
        BundleManifest written = ModelBundle.write(dir, net, manifest(), WeightPrecision.FLOAT32);
        ModelBundle.writeManifest(dir, written.withWeights(null, null, null));

        assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(ModelBundle.MANIFEST).hasMessageContaining("weights");
    }

    /** Weights of the CBAM network under a manifest that says "no CBAM": same hash, wrong arrays. */
    @Test
    void weightsOfAnotherNetworkDoNotLoad() throws IOException {
        Path dir = tmp.resolve("other");
        BundleManifest written = ModelBundle.write(dir, net, manifest(), WeightPrecision.FLOAT32);
        ModelBundle.writeManifest(dir, new BundleManifest(written.format(), written.name(),
                Architecture.MULTISCALE_CNN, CbamPlacement.NONE, written.stem(), written.inputSize(),
                written.inputChannels(), written.labels(), written.normalization(), written.weights(),
                written.dtype(), written.sha256(), null, null, null, null, null, null));

        assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(dir.resolve(written.weights()).toString()).hasMessageContaining("network");
    }

    @Test
    void aManifestWhoseLabelsAreInAnotherOrderIsRefused() throws IOException {
        Path dir = tmp.resolve("swapped");
        writeChecked(dir, WeightPrecision.FLOAT32);
        Path manifest = dir.resolve(ModelBundle.MANIFEST);
        String json = Files.readString(manifest);
        Files.writeString(manifest, json.replaceFirst("\"angry\",\\s*\"disgust\"", "\"disgust\", \"angry\""));
        assertThat(Files.readString(manifest)).isNotEqualTo(json);

        assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("not deepfer's output order");
    }

    /**
     * Manifest fields the weights' hash does not cover: each bad value is refused at load with the
     * file named, where it used to load and then answer wrongly (temperature 0: every face "angry"
     * at NaN; another input size: the wrong crop) or fail on the first request.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} = {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "temperature|0|temperature must be positive and finite",
        "temperature|-1.5|temperature must be positive and finite",
        "inputChannels|3|grey faces (1 channel)",
        "inputSize|0|is not a crop of the 48x48 faces",
        "inputSize|64|is not a crop of the 48x48 faces",
        "inputSize|36|differs from the 44 the network was trained at",
        "normalization|null|lacks one of"})
    void aManifestFieldTheHashDoesNotCoverIsCheckedAtLoad(String field, String value, String message)
            throws IOException {
        Path dir = tmp.resolve("bad-" + field + value);
        writeChecked(dir, WeightPrecision.FLOAT32);
        Path file = dir.resolve(ModelBundle.MANIFEST);
        setField(file, "training", "{\"inputSize\": " + SIZE + "}");
        try (ModelBundle fine = ModelBundle.load(dir)) {
            assertThat(fine.inputSize()).as("valid before the edit").isEqualTo(SIZE);
        }
        setField(file, field, value);
        assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(message);
    }

    /** Sets one top-level field of a JSON manifest to {@code json}. */
    private static void setField(Path file, String field, String json) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode tree =
                (com.fasterxml.jackson.databind.node.ObjectNode) ModelBundle.JSON.readTree(file.toFile());
        tree.set(field, ModelBundle.JSON.readTree(json));
        ModelBundle.JSON.writeValue(file.toFile(), tree);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} = {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "temperature|0|temperature must be positive and finite",
        "fusion|null|lacks its fusion or its members",
        "members|[]|lacks its fusion or its members",
        "format|2|unsupported ensemble format 2",
        "members|[{\"dir\": \"members/a\", \"weight\": -1}]|finite weight >= 0"})
    void aBadEnsembleManifestIsRefusedAtLoadNamingTheFile(String field, String value, String message)
            throws IOException {
        writeChecked(tmp.resolve("a"), WeightPrecision.FLOAT32);
        Path ens = tmp.resolve("ens");
        EnsembleBundle.write(ens, java.util.List.of(tmp.resolve("a")), new EnsembleManifest(EnsembleManifest.FORMAT,
                "ens", dev.deepfer.model.Fusion.MEAN_PROBABILITIES, java.util.List.of(new EnsembleManifest.Member("a",
                1.0)), 1.0, "test", null, "test", "unknown", "now"));
        Path file = ens.resolve(EnsembleBundle.MANIFEST);
        setField(file, field, value);
        assertThatThrownBy(() -> EnsembleBundle.load(ens)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(message);
    }

    @Test
    void membersFromDirectoriesOfTheSameNameStayTwoMembers() throws IOException {
        BundleManifest first = writeChecked(tmp.resolve("run1/bundle"), WeightPrecision.FLOAT32);
        BundleManifest second = writeChecked(tmp.resolve("run2/bundle"), WeightPrecision.FLOAT16);
        assertThat(first.sha256()).isNotEqualTo(second.sha256());
        Path ens = tmp.resolve("ens");
        EnsembleBundle.write(ens, java.util.List.of(tmp.resolve("run1/bundle"), tmp.resolve("run2/bundle")),
                new EnsembleManifest(1, "ens", dev.deepfer.model.Fusion.MEAN_PROBABILITIES, java.util.List.of(
                        new EnsembleManifest.Member("x", 0.5), new EnsembleManifest.Member("y", 0.5)), 1.0, "test",
                        null, "test", "unknown", "now"));

        try (LoadedModel loaded = Models.load(ens)) {
            com.fasterxml.jackson.databind.JsonNode members = loaded.manifestJson().path("members");
            assertThat(members.get(0).path("dir").asText()).isEqualTo("members/bundle");
            assertThat(members.get(1).path("dir").asText()).isEqualTo("members/bundle-2");
        }
        assertThat(ModelBundle.sha256(ens.resolve("members/bundle/weights.ndlist"))).isEqualTo(first.sha256());
        assertThat(ModelBundle.sha256(ens.resolve("members/bundle-2/weights.ndlist"))).isEqualTo(second.sha256());
    }

    /**
     * Two different members with weights 0.25 and 0.75: the ensemble's output is log(0.25 p_a +
     * 0.75 p_b), computed here from each member loaded alone; swapped weights would differ (checked,
     * so the test can fail), which two copies of one member cannot show.
     */
    @Test
    void fittedWeightsGoToTheirOwnMembers() throws IOException {
        writeChecked(tmp.resolve("a"), WeightPrecision.FLOAT32);
        Engine.getInstance().setRandomSeed(8);
        FerNetwork other = Architecture.MULTISCALE_CNN_CBAM.build(NetworkOptions.faces(CbamPlacement.BLOCK, Stem.IMAGENET));
        other.initialize(manager, DataType.FLOAT32, new Shape(1, 1, SIZE, SIZE));
        ModelBundle.write(tmp.resolve("b"), other, manifest(), WeightPrecision.FLOAT32);
        float[][] a = bundleLogits(tmp.resolve("a"));
        float[][] b = bundleLogits(tmp.resolve("b"));
        Path ens = tmp.resolve("ens");
        EnsembleBundle.write(ens, java.util.List.of(tmp.resolve("a"), tmp.resolve("b")), new EnsembleManifest(
                EnsembleManifest.FORMAT, "ens", dev.deepfer.model.Fusion.WEIGHTED_PROBABILITIES, java.util.List.of(
                new EnsembleManifest.Member("a", 0.25), new EnsembleManifest.Member("b", 0.75)), 1.0, "test", null,
                "test", "unknown", "now"));
        try (LoadedModel loaded = Models.load(ens)) {
            float[][] got = loaded.logits(input, IMAGES);
            double largestSwapGap = 0;
            for (int i = 0; i < IMAGES; i++) {
                double[] pa = dev.deepfer.eval.Calibration.softmax(a[i], 1.0);
                double[] pb = dev.deepfer.eval.Calibration.softmax(b[i], 1.0);
                for (int c = 0; c < pa.length; c++) {
                    assertThat((double) got[i][c]).as("image %d class %d", i, c)
                            .isCloseTo(Math.log(0.25 * pa[c] + 0.75 * pb[c]), within(1e-5));
                    largestSwapGap = Math.max(largestSwapGap,
                            Math.abs(Math.log(0.75 * pa[c] + 0.25 * pb[c]) - Math.log(0.25 * pa[c] + 0.75 * pb[c])));
                }
            }
            assertThat(largestSwapGap).as("the members differ enough to tell the weights apart").isGreaterThan(1e-3);
        }
    }

    @Test
    void ensembleBundleOfTwoCopiesReproducesTheMembersLogProbabilities() throws IOException {
        writeChecked(tmp.resolve("a"), WeightPrecision.FLOAT32);
        writeChecked(tmp.resolve("b"), WeightPrecision.FLOAT32);
        Path ens = tmp.resolve("ens");
        EnsembleBundle.write(ens, java.util.List.of(tmp.resolve("a"), tmp.resolve("b")), new EnsembleManifest(1, "ens",
                dev.deepfer.model.Fusion.WEIGHTED_PROBABILITIES, java.util.List.of(new EnsembleManifest.Member("a", 0.25),
                new EnsembleManifest.Member("b", 0.75)), 1.0, "test", null, "test", "unknown", "now"));
        float[][] expected = originalLogits();
        try (LoadedModel loaded = Models.load(ens)) {
            assertThat(loaded.members()).hasSize(2);
            assertThat(loaded.manifestJson().path("members").get(1).path("weight").asDouble()).isEqualTo(0.75);
            float[][] got = loaded.logits(input, IMAGES);
            for (int i = 0; i < IMAGES; i++) {
                double[] p = dev.deepfer.eval.Calibration.softmax(expected[i], 1.0);
                for (int c = 0; c < p.length; c++) {
                    assertThat((double) got[i][c]).isCloseTo(Math.log(p[c]), within(1e-5));
                }
            }
        }
        Path weights = ens.resolve("members/b/weights.ndlist");
        byte[] bytes = java.nio.file.Files.readAllBytes(weights);
        bytes[bytes.length / 2] ^= 1;
        java.nio.file.Files.write(weights, bytes);
        assertThatThrownBy(() -> Models.load(ens)).isInstanceOf(IOException.class).hasMessageContaining("corrupted");
    }
}
