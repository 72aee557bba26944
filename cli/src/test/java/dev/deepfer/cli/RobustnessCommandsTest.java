package dev.deepfer.cli;

import static dev.deepfer.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deepfer.eval.corrupt.Corruption;
import dev.deepfer.infer.ModelBundle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** robustness, cross-dataset and calibrate end to end on a tiny untrained bundle and one-face splits. */
class RobustnessCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void robustnessReportsEverySeverityAsJsonAndDrawsTheChart() throws IOException {
        Path bundle = MainTest.tinyBundle(dir.resolve("tiny"));
        Path png = dir.resolve("robustness.png");
        MainTest.Run r = run("robustness", "--model", bundle.toString(), "--data", MainTest.tinyCsv(dir).toString(),
                "--corruptions", "jpeg,occlusion-eyes", "--json", "--png", png.toString(), "--examples-png",
                dir.resolve("examples.png").toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.path("n").asInt()).isEqualTo(1);
        assertThat(json.path("baseline").asText()).isEqualTo("tiny");
        JsonNode model = json.path("models").get(0);
        assertThat(model.path("mce").asDouble()).as("the baseline's own mCE").isEqualTo(1.0);
        assertThat(model.path("corruptions").path("occlusion-eyes").path("accuracy_by_severity")).hasSize(5);
        assertThat(ImageIO.read(png.toFile()).getWidth()).isGreaterThan(100);
        assertThat(ImageIO.read(dir.resolve("examples.png").toFile()).getHeight())
                .as("a row per family").isGreaterThan(Corruption.values().length * 96);
    }

    @Test
    void fromJsonPrintsTheSavedRunsTablesAgainWithoutAModelAndRefusesAMissingFile() throws IOException {
        Path bundle = MainTest.tinyBundle(dir.resolve("tiny"));
        Path saved = dir.resolve("rob.json");
        MainTest.Run measured = run("robustness", "--model", bundle.toString(), "--data",
                MainTest.tinyCsv(dir).toString(), "--corruptions", "jpeg,rotation", "--json-file", saved.toString());
        assertThat(measured.code()).as(measured.err()).isZero();

        Path png = dir.resolve("again.png");
        MainTest.Run again = run("robustness", "--from-json", saved.toString(), "--png", png.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo(measured.out());
        assertThat(again.out()).contains("| tiny |").contains("| jpeg |");
        assertThat(ImageIO.read(png.toFile()).getWidth()).isGreaterThan(100);

        MainTest.Run missing = run("robustness", "--from-json", dir.resolve("nothing.json").toString());
        assertThat(missing.code()).as("a missing file is a bad argument").isEqualTo(2);
        assertThat(missing.err()).contains("no robustness report at", "nothing.json");
        Path notReport = Files.writeString(dir.resolve("other.json"), "{\"models\": 3}");
        MainTest.Run bad = run("robustness", "--from-json", notReport.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("other.json is not a robustness report");
    }

    @Test
    void robustnessRefusesAnUnknownBaselineOrCorruption() throws IOException {
        Path bundle = MainTest.tinyBundle(dir.resolve("tiny"));
        MainTest.Run r = run("robustness", "--model", bundle.toString(), "--data", MainTest.tinyCsv(dir).toString(),
                "--baseline", "resnet");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("resnet").contains("[tiny]");
        r = run("robustness", "--model", bundle.toString(), "--data", MainTest.tinyCsv(dir).toString(),
                "--corruptions", "fog");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("fog").contains("motion-blur");
    }

    @Test
    void calibrateWritesTheTemperatureIntoTheManifest() throws IOException {
        Path bundle = MainTest.tinyBundle(dir.resolve("tiny"));
        Path png = dir.resolve("reliability.png");
        MainTest.Run r = run("calibrate", "--model", bundle.toString(), "--data", MainTest.tinyCsv(dir).toString(),
                "--json", "--write", "--reliability-png", png.toString());
        assertThat(r.code()).as(r.err()).isZero();
        double fitted = JSON.readTree(r.out()).path("models").get(0).path("fitted_temperature").asDouble();
        try (ModelBundle b = ModelBundle.load(bundle)) {
            assertThat(b.manifest().temperature()).isEqualTo(fitted);
        }
        assertThat(png).exists();
    }

    @Test
    void crossDatasetReadsAClassFolderTreeAndReportsContemptApart() throws IOException {
        Path bundle = MainTest.tinyBundle(dir.resolve("tiny"));
        Path ck = dir.resolve("ck");
        for (String folder : new String[] {"anger", "contempt", "happy"}) {
            Files.createDirectories(ck.resolve(folder));
            ImageIO.write(new BufferedImage(48, 48, BufferedImage.TYPE_BYTE_GRAY), "png",
                    ck.resolve(folder).resolve("a.png").toFile());
        }
        MainTest.Run r = run("cross-dataset", "--model", bundle.toString(), "--ckplus", ck.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 images of 2 shared classes").contains("contempt (1 images");
        // a copy without the contempt folder: the seven-class report alone, no empty contempt table
        java.nio.file.Files.delete(ck.resolve("contempt").resolve("a.png"));
        java.nio.file.Files.delete(ck.resolve("contempt"));
        MainTest.Run without = run("cross-dataset", "--model", bundle.toString(), "--ckplus", ck.toString());
        assertThat(without.code()).as(without.err()).isZero();
        assertThat(without.out()).contains("2 images of 2 shared classes").doesNotContain("contempt");
        r = run("cross-dataset", "--model", bundle.toString(), "--ckplus", dir.resolve("none").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no CK+");
    }
}
