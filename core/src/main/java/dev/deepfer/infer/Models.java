package dev.deepfer.infer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Loads whatever bundle a directory holds: an ensemble ({@code ensemble.json}) or one member. */
public final class Models {
    private Models() {
    }

    public static LoadedModel load(Path dir) throws IOException {
        return EnsembleBundle.isEnsemble(dir) ? EnsembleBundle.load(dir) : ModelBundle.load(dir);
    }

    /** Whether {@code dir} holds a bundle of either kind (its manifest exists). */
    public static boolean isBundle(Path dir) {
        return EnsembleBundle.isEnsemble(dir) || Files.isRegularFile(dir.resolve(ModelBundle.MANIFEST));
    }

    /**
     * The member bundle directories of {@code dir}: its members in {@code ensemble.json} order for an
     * ensemble, else {@code dir} itself.
     */
    public static List<Path> memberDirs(Path dir) throws IOException {
        return EnsembleBundle.isEnsemble(dir) ? EnsembleBundle.memberDirs(dir) : List.of(dir);
    }
}
