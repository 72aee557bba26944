package dev.deepfer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writeStringReplacesTheFileAndLeavesNoTemporaryBehind() throws IOException {
        Path file = dir.resolve("report.json");
        AtomicFiles.writeString(file, "{\"first\": \"é\"}\n");
        AtomicFiles.writeString(file, "{\"second\": \"ü\"}\n");

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("{\"second\": \"ü\"}\n");
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("report.json");
        }
    }

    @Test
    void aWriteThatFailsHalfwayKeepsTheOldFileAndRemovesItsTemporary() throws IOException {
        Path file = dir.resolve("last.ckpt");
        AtomicFiles.write(file, new byte[] {1, 2, 3});

        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write(new byte[1000]);
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");

        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
        assertThat(file.resolveSibling("last.ckpt.tmp")).doesNotExist();
    }

    @Test
    void aReplacedFileKeepsItsPermissionsAndANewOneGetsTheDefault() throws IOException {
        Path shared = dir.resolve("manifest.json");
        Files.writeString(shared, "old");
        Set<PosixFilePermission> groupWritable = PosixFilePermissions.fromString("rw-rw-r--");
        Files.setPosixFilePermissions(shared, groupWritable);
        AtomicFiles.writeString(shared, "new");
        assertThat(Files.readString(shared)).isEqualTo("new");
        assertThat(Files.getPosixFilePermissions(shared)).isEqualTo(groupWritable);

        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        Files.setPosixFilePermissions(shared, ownerOnly);
        AtomicFiles.writeString(shared, "newer");
        assertThat(Files.getPosixFilePermissions(shared)).isEqualTo(ownerOnly);

        Path fresh = dir.resolve("fresh.json");
        AtomicFiles.writeString(fresh, "x");
        assertThat(Files.getPosixFilePermissions(fresh)).contains(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
    }
}
