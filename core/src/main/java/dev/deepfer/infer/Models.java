package dev.deepfer.infer;

import dev.deepfer.data.TtaMode;
import dev.deepfer.eval.DatasetScorer;
import dev.deepfer.train.TeacherTargets;

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

    /**
     * The bundle in {@code dir} as a distillation teacher: each face's probabilities averaged over
     * the face and its mirror (the student sees mirrored faces in training too). The bundle is loaded
     * when the teacher is asked and closed after.
     */
    public static TeacherTargets.Teacher teacher(Path dir) {
        return faces -> {
            try (LoadedModel model = load(dir)) {
                return DatasetScorer.probabilities(model, model.normalization(), faces, TtaMode.FLIP, 256);
            }
        };
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
