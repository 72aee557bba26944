package dev.deepfer.robust;

import dev.deepfer.data.FaceDataset;
import dev.deepfer.eval.Calibration;
import dev.deepfer.eval.CalibrationReport;
import dev.deepfer.eval.DatasetScorer;
import dev.deepfer.infer.LoadedModel;

import java.util.ArrayList;
import java.util.List;

/**
 * Temperature scaling of each member and of the ensemble: the temperature is fitted on one split
 * (PublicTest) from the uncalibrated logits, and ECE, NLL and Brier are measured on another
 * (PrivateTest) at temperature 1 and at the fitted temperature.
 */
public final class CalibrationStudy {
    private CalibrationStudy() {
    }

    public static CalibrationReport run(LoadedModel model, FaceDataset fit, FaceDataset test) {
        ModelScores onFit = ModelScores.of(model, fit);
        ModelScores onTest = ModelScores.of(model, test);
        int[] fitLabels = DatasetScorer.labels(fit);
        int[] testLabels = DatasetScorer.labels(test);
        List<CalibrationReport.Row> rows = new ArrayList<>();
        for (int r = 0; r < onFit.rows().size(); r++) {
            ModelScores.Row row = onTest.rows().get(r);
            double t = Calibration.fitTemperature(onFit.rows().get(r).uncalibrated(), fitLabels);
            float[][] raw = row.uncalibrated();
            rows.add(new CalibrationReport.Row(row.name(), row.temperature(), t,
                    CalibrationReport.Scores.of(Calibration.probabilities(raw, 1), testLabels),
                    CalibrationReport.Scores.of(Calibration.probabilities(raw, t), testLabels)));
        }
        return new CalibrationReport(fit.source(), test.source(), rows);
    }
}
