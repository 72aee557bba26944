package dev.deepfer.cli;

import dev.deepfer.infer.ModelBundle;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --model} option of the commands that study one bundle (member or ensemble). */
public final class ModelOption {
    @Option(names = "--model", paramLabel = "<bundle>",
            description = "Model bundle directory, member or ensemble (default: the bundled default model).")
    Path model;

    /** The bundle directory to load. */
    public Path bundle() {
        return model != null ? model : ModelBundle.defaultLocation();
    }
}
