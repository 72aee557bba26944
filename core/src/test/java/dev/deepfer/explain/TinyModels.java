package dev.deepfer.explain;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.deepfer.data.Emotion;
import dev.deepfer.data.FaceDataset;
import dev.deepfer.data.Normalization;
import dev.deepfer.infer.BundleManifest;
import dev.deepfer.infer.EnsembleBundle;
import dev.deepfer.infer.EnsembleManifest;
import dev.deepfer.infer.ModelBundle;
import dev.deepfer.model.Architecture;
import dev.deepfer.model.FerNetwork;
import dev.deepfer.model.Fusion;
import dev.deepfer.model.NetworkOptions;
import dev.deepfer.model.Stem;
import dev.deepfer.nn.CbamPlacement;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Small, seeded, randomly initialised bundles for explanation tests: the multi-scale CNN with
 * block CBAM and the small stem on 16x16 inputs (feature maps 16, 8, 4 and 2 pixels wide), so a
 * forward pass takes milliseconds.
 */
public final class TinyModels {
    public static final int SIZE = 16;
    public static final int FACE = 20;

    private TinyModels() {
    }

    /** An initialised network seeded with {@code seed}. */
    public static FerNetwork network(NDManager manager, int seed) {
        return network(manager, seed, SIZE);
    }

    private static FerNetwork network(NDManager manager, int seed, int size) {
        Engine.getInstance().setRandomSeed(seed);
        FerNetwork net = Architecture.MULTISCALE_CNN_CBAM.build(NetworkOptions.faces(CbamPlacement.BLOCK, Stem.SMALL));
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, size, size));
        return net;
    }

    /** Writes a member bundle of a network seeded with {@code seed}. */
    public static Path member(Path dir, String name, int seed) throws IOException {
        return member(dir, name, seed, SIZE);
    }

    /** Writes a member bundle of a network seeded with {@code seed} that takes {@code size}-pixel crops. */
    public static Path member(Path dir, String name, int seed, int size) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT, name, Architecture.MULTISCALE_CNN_CBAM,
                    CbamPlacement.BLOCK, Stem.SMALL, size, 1,
                    Arrays.stream(Emotion.values()).map(Emotion::label).toList(), Normalization.FER2013,
                    null, null, null, null, null, "test", "test", "2026-11-24T00:00:00Z", null);
            ModelBundle.write(dir, network(m, seed, size), manifest, dev.deepfer.infer.WeightPrecision.FLOAT32);
        }
        return dir;
    }

    /** Writes an ensemble bundle of {@code members} with the given fusion, weights and temperature. */
    public static Path ensemble(Path dir, List<Path> members, Fusion fusion, double[] weights, double temperature)
            throws IOException {
        List<EnsembleManifest.Member> list = new java.util.ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            list.add(new EnsembleManifest.Member(members.get(i).toString(), weights[i]));
        }
        EnsembleBundle.write(dir, members, new EnsembleManifest(1, "tiny-ensemble", fusion, list, temperature,
                "test", null, "test", "test", "2026-11-24T00:00:00Z"));
        return dir;
    }

    /** {@code n} seeded random {@link #FACE}-pixel grey faces with smooth blobs (labels 0). */
    public static FaceDataset faces(int n, long seed) {
        Random r = new Random(seed);
        byte[] pixels = new byte[n * FACE * FACE];
        for (int i = 0; i < n; i++) {
            double cx = FACE * (0.3 + 0.4 * r.nextDouble());
            double cy = FACE * (0.3 + 0.4 * r.nextDouble());
            for (int y = 0; y < FACE; y++) {
                for (int x = 0; x < FACE; x++) {
                    double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                    double v = 60 + 150 * Math.exp(-d2 / 30) + 30 * r.nextGaussian();
                    pixels[(i * FACE + y) * FACE + x] = (byte) Math.max(0, Math.min(255, Math.round(v)));
                }
            }
        }
        return new FaceDataset("tiny", FACE, pixels, new byte[n]);
    }
}
