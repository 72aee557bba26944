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
}
