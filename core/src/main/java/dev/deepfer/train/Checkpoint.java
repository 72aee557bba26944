package dev.deepfer.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A resumable training state in one file: progress (JSON), model parameters and optimiser state.
 * Written to a temporary file and renamed over the old one, so a kill at any moment leaves either
 * the previous checkpoint or the new one, never half of one.
 */
public final class Checkpoint {
    private static final int MAGIC = 0xDEEFFE01;

    private Checkpoint() {
    }

    /** Progress recorded with a checkpoint: the next epoch to run and the global step reached. */
    public record Progress(int nextEpoch, long step, double bestMetric, int bestEpoch, int epochsWithoutImprovement,
                           double[] plateauState) {
    }

    /** Atomically writes {@code file}. */
    public static void write(Path file, Progress progress, Block network, ParameterOptimizer optimizer)
            throws IOException {
        AtomicFiles.write(file, out -> {
            out.writeInt(MAGIC);
            out.writeInt(progress.nextEpoch());
            out.writeLong(progress.step());
            out.writeDouble(progress.bestMetric());
            out.writeInt(progress.bestEpoch());
            out.writeInt(progress.epochsWithoutImprovement());
            for (double v : progress.plateauState()) {
                out.writeDouble(v);
            }
            network.saveParameters(out);
            optimizer.save(out);
        });
    }

    /** The progress recorded in {@code file}, without loading the parameters. */
    public static Progress readProgress(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            return readHeader(file, in);
        }
    }

    private static Progress readHeader(Path file, DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException(file + " is not a deepfer checkpoint");
        }
        int epoch = in.readInt();
        long step = in.readLong();
        double best = in.readDouble();
        int bestEpoch = in.readInt();
        int waiting = in.readInt();
        double[] plateau = {in.readDouble(), in.readDouble(), in.readDouble()};
        return new Progress(epoch, step, best, bestEpoch, waiting, plateau);
    }

    /**
     * Loads the network parameters of {@code file} into {@code network}, leaving the optimiser
     * state unread, and returns the progress.
     */
    public static Progress readParameters(Path file, Block network, NDManager manager) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            Progress progress = readHeader(file, in);
            network.loadParameters(manager, in);
            return progress;
        } catch (MalformedModelException e) {
            throw new IOException(file + ": parameters do not match the network: " + e.getMessage(), e);
        }
    }

    /** Whether {@code file} starts like a checkpoint (as opposed to a bare parameters file). */
    public static boolean isCheckpoint(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            return Files.size(file) >= Integer.BYTES && in.readInt() == MAGIC;
        }
    }

    /** Restores parameters and optimiser state from {@code file} and returns the progress. */
    public static Progress read(Path file, Block network, ParameterOptimizer optimizer, NDManager manager)
            throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            Progress progress = readHeader(file, in);
            network.loadParameters(manager, in);
            // Loading replaces the parameter arrays; the new ones must track gradients again.
            for (var p : network.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    p.getValue().getArray().setRequiresGradient(true);
                }
            }
            optimizer.load(in);
            return progress;
        } catch (MalformedModelException e) {
            throw new IOException(file + ": parameters do not match the network: " + e.getMessage(), e);
        }
    }
}
