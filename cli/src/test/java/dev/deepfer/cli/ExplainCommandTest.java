package dev.deepfer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deepfer explain}: exit codes and the options each mode takes. */
class ExplainCommandTest {
    @TempDir
    Path dir;

    @Test
    void aMissingImageIsABadArgumentAndOneThatIsNoImageExitsWithThree() throws IOException {
        Path bundle = MainTest.tinyBundle(dir.resolve("bundle"));
        Path missing = dir.resolve("missing.jpg");
        MainTest.Run r = MainTest.run("explain", missing.toString(), "--model", bundle.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(missing.toString(), "no such file");

        Path text = Files.writeString(dir.resolve("text.jpg"), "not an image");
        MainTest.Run notImage = MainTest.run("explain", text.toString(), "--model", bundle.toString());
        assertThat(notImage.code()).as(notImage.err()).isEqualTo(3);
        assertThat(notImage.err()).contains(text.toString());

        MainTest.Run noModel = MainTest.run("explain", text.toString(), "--model", dir.resolve("nope").toString());
        assertThat(noModel.code()).as(noModel.err()).isEqualTo(2);
        assertThat(noModel.err()).contains("no model bundle");
    }

    /** An option of the other mode would be ignored: it is refused, and so is --out beside --json. */
    @Test
    void optionsThatTheModeDoesNotUseAreRefused() throws IOException {
        Path bundle = MainTest.tinyBundle(dir.resolve("bundle"));
        Path photo = PredictCommandTest.greyPng(dir.resolve("grey.png"));
        Path csv = MainTest.tinyCsv(dir);

        MainTest.Run photoMode = MainTest.run("explain", photo.toString(), "--model", bundle.toString(),
                "--split", "PublicTest", "--limit", "5", "--data", csv.toString());
        assertThat(photoMode.code()).as(photoMode.err()).isEqualTo(2);
        assertThat(photoMode.err()).contains("--split, --limit, --data", "--stats");

        MainTest.Run statsMode = MainTest.run("explain", "--stats", "--model", bundle.toString(), "--data",
                csv.toString(), "--json", "--scale", "2", "--out", dir.resolve("panels").toString());
        assertThat(statsMode.code()).as(statsMode.err()).isEqualTo(2);
        assertThat(statsMode.err()).contains("--json, --scale, --out", "--stats");

        MainTest.Run json = MainTest.run("explain", photo.toString(), "--model", bundle.toString(), "--json",
                "--out", dir.resolve("panels").toString());
        assertThat(json.code()).as(json.err()).isEqualTo(2);
        assertThat(json.err()).contains("--out", "--json");
        assertThat(dir.resolve("panels")).doesNotExist();
    }
}
