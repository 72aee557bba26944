package dev.deepfer.cli;

import dev.deepfer.infer.EnsembleBundle;
import dev.deepfer.infer.ModelBundle;
import dev.deepfer.infer.Models;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --model} option of the commands that study one bundle (member or ensemble). */
public final class ModelOption {
    @Option(names = "--model", paramLabel = "<bundle>",
            description = "Model bundle directory, member or ensemble (default: the bundled default model).")
    Path model;

    /** The bundle directory to load. */
    public Path bundle() {
        return bundle(model);
    }

    /**
     * The bundle directory {@code given} with {@code --model} or, when {@code null}, the default;
     * a directory that holds no bundle is a bad argument, refused before anything is loaded.
     */
    static Path bundle(Path given) {
        Path dir = given != null ? given : ModelBundle.defaultLocation();
        if (!Models.isBundle(dir)) {
            throw new IllegalArgumentException("no model bundle at " + dir + " (neither " + ModelBundle.MANIFEST
                    + " nor " + EnsembleBundle.MANIFEST + ")" + (given == null ? "; name one with --model" : ""));
        }
        return dir;
    }

    /**
     * Refuses, before a long evaluation, an {@code option} that will write into the manifest of the
     * bundle in {@code dir} when that folder is not writable.
     */
    static void requireWritable(Path dir, String option) {
        if (!java.nio.file.Files.isWritable(dir)) {
            throw new IllegalArgumentException(option + " writes into the manifest of " + dir
                    + ", but that folder is not writable");
        }
    }
}
