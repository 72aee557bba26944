package dev.deepfer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deepfer.data.FaceDataset;
import dev.deepfer.data.Fer2013Csv;
import dev.deepfer.data.Fer2013Split;
import dev.deepfer.data.TtaMode;
import dev.deepfer.eval.DatasetScorer;
import dev.deepfer.eval.EnsembleAblation;
import dev.deepfer.eval.EvaluationReport;
import dev.deepfer.eval.RegressionSubset;
import dev.deepfer.eval.ResultsTable;
import dev.deepfer.infer.LoadedModel;
import dev.deepfer.infer.ModelBundle;
import dev.deepfer.infer.Models;
import dev.deepfer.model.FaceClassifier;
import dev.deepfer.report.TrainingCurvesPlot;
import dev.deepfer.train.AtomicFiles;
import dev.deepfer.train.TrainingHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code deepfer results}: the results table of docs/RESULTS.md from a bundle in one command —
 * each member and the ensemble, without and with test-time augmentation, in the reference table's
 * shape; the ensemble's confusion-matrix PNG; each member's training curves (from the history its
 * manifest carries) and training time.
 */
@Command(name = "results", mixinStandardHelpOptions = true,
        description = "Results table of a bundle (members and ensemble, with and without TTA), confusion-matrix and "
                + "training-curve PNGs and training hours, written to --out/results.md.")
public final class ResultsCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Option(names = "--model", description = "Model bundle (default: the bundled default model).")
    Path model;

    @Option(names = "--split", defaultValue = "PrivateTest", description = "Split to report (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--tta", defaultValue = "ten-crop", description = "The TTA rows: flip or ten-crop (default: ${DEFAULT-VALUE}).")
    String tta;

    @Option(names = "--limit", description = "A seeded sample of this many images (quick checks; not for reporting).")
    Integer limit;

    @Option(names = "--train-cores", defaultValue = "2",
            description = "Threads assumed for CPU-hours where a run did not record its own per epoch "
                    + "(runs before that was logged; default: ${DEFAULT-VALUE}).")
    int assumedThreads;

    @Option(names = "--out", required = true, description = "Directory for results.md and the PNGs.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Fer2013Split s = Fer2013Split.parse(split);
        TtaMode mode = Commands.parseEnum(TtaMode.class, tta);
        if (mode == TtaMode.NONE) {
            throw new IllegalArgumentException("--tta must be flip or ten-crop (the rows without TTA are always there)");
        }
        Files.createDirectories(out);
        StringBuilder md = new StringBuilder();
        try (LoadedModel loaded = Models.load(ModelOption.bundle(model))) {
            Path csv = data.fer2013();
            FaceDataset faces = Fer2013Csv.load(csv, s);
            if (limit != null) {
                faces = faces.sample(Math.min(limit, faces.count()), RegressionSubset.SEED);
            }
            List<ResultsTable.Row> rows = new ArrayList<>();
            boolean ensemble = loaded.members().size() > 1;
            if (ensemble) {
                for (ModelBundle m : loaded.members()) {
                    addRows(rows, m, loaded, faces, csv, s, mode, m.name(), false);
                }
            }
            EvaluationReport main = addRows(rows, loaded, loaded, faces, csv, s, mode,
                    ensemble ? loaded.name() + " (ensemble)" : loaded.name(), ensemble);
            md.append(String.format(Locale.ROOT, "FER2013 %s, n = %d%s.%n%n", s.csvName(), faces.count(),
                    limit != null ? " (seeded sample)" : ""));
            md.append(ResultsTable.markdown(rows)).append('\n');
            Path confusion = out.resolve("confusion-" + s.csvName().toLowerCase(Locale.ROOT) + ".png");
            Reports.confusionPng(main, confusion);
            md.append("\nConfusion matrix (no TTA): `").append(confusion.getFileName()).append("`\n\n");
            if (loaded.members().size() > 2) {
                md.append(subsetTable(loaded, faces, csv, s)).append('\n');
            }
            md.append(trainingTable(loaded.members()));
        }
        AtomicFiles.writeString(out.resolve("results.md"), md.toString());
        System.out.print(md);
        return 0;
    }

    /**
     * The model's rows without and with TTA; {@code label} names it in the reports (and the PNG
     * title), {@code bold} marks it in the Markdown table only.
     */
    private static EvaluationReport addRows(List<ResultsTable.Row> rows, FaceClassifier c, LoadedModel loaded,
                                            FaceDataset faces, Path csv, Fer2013Split s, TtaMode mode, String label,
                                            boolean bold) {
        EvaluationReport plain = EvaluateCommand.evaluate(c, loaded, faces, csv, s, TtaMode.NONE, label);
        String shown = bold ? "**" + label + "**" : label;
        rows.add(new ResultsTable.Row(shown, plain));
        rows.add(new ResultsTable.Row(shown + " + " + mode.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                EvaluateCommand.evaluate(c, loaded, faces, csv, s, mode, label)));
        return plain;
    }

    /** Each pair (and all members) fused by mean probability, no TTA: the "3 vs pairs" ablation. */
    private static String subsetTable(LoadedModel loaded, FaceDataset faces, Path csv, Fer2013Split s) {
        List<String> names = loaded.members().stream().map(ModelBundle::name).toList();
        List<float[][]> logits = loaded.members().stream()
                .map(m -> DatasetScorer.logits(m, loaded.normalization(), faces, 256)).toList();
        List<ResultsTable.Row> rows = EnsembleAblation.subsets(names, logits, faces).stream()
                .map(sub -> new ResultsTable.Row(sub.name(), EvaluationReport.of(sub.name(), csv.toString(),
                        s.csvName(), sub.confusion()))).toList();
        return "Member subsets fused by the mean of their probabilities (no fitted weights, no TTA):\n\n"
                + ResultsTable.markdown(rows);
    }

    /** Epochs, best epoch, hours per member (from the manifests), and their curves as PNGs. */
    private String trainingTable(List<ModelBundle> members) throws java.io.IOException {
        StringBuilder t = new StringBuilder("| member | epochs | best epoch (PublicTest) | wall hours | CPU-hours "
                + "| curves |\n| --- | ---: | ---: | ---: | ---: | --- |\n");
        double totalHours = 0;
        double totalCpuHours = 0;
        int assumed = 0;
        for (ModelBundle m : members) {
            JsonNode history = m.manifestJson().path("training").path("history");
            double hours = TrainingHistory.wallSeconds(history) / 3600;
            double cpuHours = TrainingHistory.cpuSeconds(history, assumedThreads) / 3600;
            int unrecorded = TrainingHistory.epochsWithoutThreads(history);
            assumed += unrecorded;
            totalHours += hours;
            totalCpuHours += cpuHours;
            String curves = "–";
            if (history.size() > 0) {
                Path png = out.resolve(m.name() + "-curves.png");
                TrainingCurvesPlot.write(TrainingCurvesPlot.fromHistory(history), m.name(), png);
                curves = "`" + png.getFileName() + "`";
            }
            t.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %.2f%s | %s |%n", m.name(),
                    history.size() > 0 ? Integer.toString(history.size()) : "not recorded",
                    m.manifestJson().path("metrics").path("best_epoch").asText("?"), hours, cpuHours,
                    unrecorded > 0 ? "*" : "", curves));
        }
        t.append(String.format(Locale.ROOT, "| **total** | | | %.2f | %.2f%s | |%n", totalHours, totalCpuHours,
                assumed > 0 ? "*" : ""));
        t.append("\nCPU-hours are each epoch's measured process CPU time where the run recorded it, else its wall"
                + " time times the PyTorch threads it ran with");
        t.append(assumed > 0 ? String.format(Locale.ROOT, "; * %d epoch(s) did not record their threads and count as %d.\n",
                assumed, assumedThreads) : ".\n");
        return t.toString();
    }
}
