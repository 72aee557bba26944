package dev.deepfer.cli;

import dev.deepfer.data.SharedData;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code --data} option shared by commands that read FER2013. */
public final class DataOptions {
    @Option(names = "--data", paramLabel = "<csv>",
            description = "FER2013 CSV (.csv or .csv.gz, Kaggle layout). Default: $DEEPFER_SHARED or ../shared "
                    + "datasets/fer2013/fer2013.csv.gz")
    Path data;

    /** The data path, or a clear error saying where it was looked for. */
    public Path fer2013() {
        if (data != null) {
            if (!Files.isRegularFile(data)) {
                throw new IllegalArgumentException("no FER2013 file at " + data);
            }
            return data;
        }
        return SharedData.fer2013().orElseThrow(() -> new IllegalArgumentException(
                "FER2013 not found; pass --data <fer2013.csv[.gz]> (" + SharedData.describe() + ")"));
    }
}
