package dev.deepfer.infer;

import java.io.IOException;
import java.nio.file.Path;

/** Loads whatever bundle a directory holds: an ensemble ({@code ensemble.json}) or one member. */
public final class Models {
    private Models() {
    }

    public static LoadedModel load(Path dir) throws IOException {
        return EnsembleBundle.isEnsemble(dir) ? EnsembleBundle.load(dir) : ModelBundle.load(dir);
    }
}
