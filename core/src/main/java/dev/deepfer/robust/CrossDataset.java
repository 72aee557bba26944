package dev.deepfer.robust;

import dev.deepfer.data.CkPlus;
import dev.deepfer.data.Emotion;
import dev.deepfer.eval.ConfusionMatrix;
import dev.deepfer.eval.CrossDatasetReport;
import dev.deepfer.eval.DatasetScorer;
import dev.deepfer.infer.LoadedModel;

import java.util.ArrayList;
import java.util.List;

/**
 * Cross-dataset evaluation on CK+: each member and the ensemble on the six classes CK+ shares with
 * FER2013, and what they call CK+'s contempt images. Evaluation only: nothing is fitted on CK+.
 */
public final class CrossDataset {
    private CrossDataset() {
    }

    /** One report per row of {@link ModelScores} (members, then the ensemble). */
    public static List<CrossDatasetReport> ckPlus(LoadedModel model, CkPlus data, String source) {
        ModelScores shared = ModelScores.of(model, data.shared());
        boolean hasContempt = data.contempt().count() > 0; // a copy without the folder has none
        ModelScores contempt = hasContempt ? ModelScores.of(model, data.contempt()) : null;
        int[] labels = DatasetScorer.labels(data.shared());
        List<CrossDatasetReport> reports = new ArrayList<>();
        for (int r = 0; r < shared.rows().size(); r++) {
            ModelScores.Row row = shared.rows().get(r);
            ConfusionMatrix cm = new ConfusionMatrix();
            for (int i = 0; i < labels.length; i++) {
                cm.add(labels[i], DatasetScorer.argmax(row.logits()[i]));
            }
            int[] predicted = new int[Emotion.COUNT];
            if (hasContempt) {
                for (float[] logits : contempt.rows().get(r).logits()) {
                    predicted[DatasetScorer.argmax(logits)]++;
                }
            }
            reports.add(CrossDatasetReport.of(row.name(), source, cm, hasContempt ? CkPlus.CONTEMPT : null,
                    predicted));
        }
        return reports;
    }
}
