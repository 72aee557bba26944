package dev.deepfer.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding a shared file among the candidate folders. */
class SharedDataTest {
    @TempDir
    Path tmp;

    @Test
    void aFolderWithoutTheFileDoesNotHideOneWithIt() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("near/shared"));
        Path full = Files.createDirectories(tmp.resolve("far/shared/datasets/fer2013")).getParent().getParent();
        Path csv = Files.writeString(full.resolve("datasets/fer2013/fer2013.csv"), "emotion,pixels,Usage\n");
        List<Path> roots = List.of(tmp.resolve("missing"), empty, full);

        assertThat(SharedData.find(roots, "datasets/fer2013/fer2013.csv.gz", "datasets/fer2013/fer2013.csv"))
                .as("the unpacked CSV when there is no .gz").contains(csv);
        Path gz = Files.writeString(full.resolve("datasets/fer2013/fer2013.csv.gz"), "");
        assertThat(SharedData.find(roots, "datasets/fer2013/fer2013.csv.gz", "datasets/fer2013/fer2013.csv"))
                .as("the .gz first").contains(gz);
        assertThat(SharedData.find(roots, "datasets/ckplus48/ckplus48.tar.gz")).isEmpty();
    }
}
