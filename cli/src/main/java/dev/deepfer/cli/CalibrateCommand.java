package dev.deepfer.cli;

import dev.deepfer.data.FaceDataset;
import dev.deepfer.data.Fer2013Csv;
import dev.deepfer.data.Fer2013Split;
import dev.deepfer.eval.Calibration;
import dev.deepfer.eval.CalibrationReport;
import dev.deepfer.infer.LoadedModel;
import dev.deepfer.infer.Models;
import dev.deepfer.report.ReliabilityDiagram;
import dev.deepfer.robust.CalibrationStudy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code deepfer calibrate}: fits the temperature of each member and of the ensemble on PublicTest,
 * reports ECE, NLL and Brier on PrivateTest before and after, draws the reliability diagram, and
 * with {@code --write} stores the model's temperature in its manifest so the API returns calibrated
 * confidences.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Temperature scaling fitted on FER2013 PublicTest; ECE (15 bins), NLL and Brier on PrivateTest "
                + "before and after, per member and ensemble; --write stores the temperature in the bundle.")
public final class CalibrateCommand implements Callable<Integer> {
    @Mixin DataOptions data;
    @Mixin ModelOption model;

    @Option(names = "--write", description = "Store the fitted temperature in the bundle's manifest (for an "
            + "ensemble, the ensemble's temperature in ensemble.json; members are left as they are).")
    boolean write;
    @Option(names = "--json", description = "Print JSON instead of Markdown.") boolean json;
    @Option(names = "--reliability-png", description = "Write the model's reliability diagram (before/after) here.")
    Path reliabilityPng;

    @Override
    public Integer call() throws Exception {
        if (write) {
            ModelOption.requireWritable(model.bundle(), "--write");
        }
        try (LoadedModel loaded = Models.load(model.bundle())) {
            Map<Fer2013Split, FaceDataset> splits = Fer2013Csv.load(data.fer2013());
            CalibrationReport report = CalibrationStudy.run(loaded, splits.get(Fer2013Split.PUBLIC_TEST),
                    splits.get(Fer2013Split.PRIVATE_TEST));
            System.out.println(json ? report.toJson().toPrettyString() : report.toMarkdown());
            CalibrationReport.Row whole = report.rows().get(report.rows().size() - 1);
            Calibration.boundWarning(whole.fitted()).ifPresent(w -> System.err.println("deepfer: warning: " + w));
            if (reliabilityPng != null) {
                ReliabilityDiagram.write(List.of(
                        new ReliabilityDiagram.Panel("T = 1", whole.before().bins(), whole.before().ece()),
                        new ReliabilityDiagram.Panel(String.format(Locale.ROOT, "T = %.3f", whole.fitted()),
                                whole.after().bins(), whole.after().ece())),
                        whole.name() + ", FER2013 PrivateTest", reliabilityPng);
                System.err.println("reliability diagram written to " + reliabilityPng);
            }
            if (write) {
                loaded.recordTemperature(whole.fitted());
                System.err.printf(Locale.ROOT, "temperature %.4f written to %s%n", whole.fitted(), model.bundle());
            }
        }
        return 0;
    }
}
