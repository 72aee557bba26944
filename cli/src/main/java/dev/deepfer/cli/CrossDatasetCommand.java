package dev.deepfer.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.deepfer.data.CkPlus;
import dev.deepfer.data.SharedData;
import dev.deepfer.eval.CrossDatasetReport;
import dev.deepfer.infer.LoadedModel;
import dev.deepfer.infer.Models;
import dev.deepfer.report.ConfusionMatrixPlot;
import dev.deepfer.robust.CrossDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code deepfer cross-dataset}: a FER2013 bundle evaluated on CK+ (six shared classes; contempt apart). */
@Command(name = "cross-dataset", mixinStandardHelpOptions = true,
        description = "Evaluate a bundle (each member and the ensemble) on CK+: accuracy and macro-F1 on the six "
                + "classes shared with FER2013, the confusion matrix, and what it calls contempt.")
public final class CrossDatasetCommand implements Callable<Integer> {
    @Mixin ModelOption model;

    @Option(names = "--ckplus", paramLabel = "<tar.gz|dir>", description = "CK+48 class folders or a .tar.gz of "
            + "them (default: $DEEPFER_SHARED or ../shared datasets/ckplus48/ckplus48.tar.gz).")
    Path ckplus;
    @Option(names = "--json", description = "Print JSON instead of Markdown.") boolean json;
    @Option(names = "--confusion-png", description = "Write the confusion matrix of the whole model here.")
    Path confusionPng;

    @Override
    public Integer call() throws Exception {
        Path source = ckplus != null ? ckplus : SharedData.ckplus().orElseThrow(() -> new IllegalArgumentException(
                "CK+ not found; pass --ckplus <ckplus48.tar.gz|dir> (" + SharedData.describe() + ")"));
        if (!Files.exists(source)) {
            throw new IllegalArgumentException("no CK+ at " + source);
        }
        try (LoadedModel loaded = Models.load(model.bundle())) {
            CkPlus data = CkPlus.load(source, 48);
            List<CrossDatasetReport> reports = CrossDataset.ckPlus(loaded, data, "CK+48 (" + source.getFileName() + ")");
            if (json) {
                ArrayNode out = JsonNodeFactory.instance.arrayNode();
                reports.forEach(r -> out.add(r.toJson()));
                System.out.println(out.toPrettyString());
            } else {
                System.out.println(CrossDatasetReport.markdown(reports));
            }
            if (confusionPng != null) {
                CrossDatasetReport r = reports.get(reports.size() - 1);
                ConfusionMatrixPlot.write(r.confusion(), String.format(Locale.ROOT, "%s on CK+ (n=%d, accuracy %.2f%%)",
                        r.model(), r.n(), 100 * r.accuracy()), confusionPng);
                System.err.println("confusion matrix written to " + confusionPng);
            }
        }
        return 0;
    }
}
