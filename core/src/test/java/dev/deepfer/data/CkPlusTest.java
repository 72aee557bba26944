package dev.deepfer.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CK+'s folder names map onto FER2013's classes, contempt is kept apart, and the tarball is read directly. */
class CkPlusTest {
    /** CK+48's folders in sorted order, each holding one 48x48 grey image of a distinct value. */
    private static final List<String> FOLDERS =
            List.of("anger", "contempt", "disgust", "fear", "happy", "sadness", "surprise");

    @TempDir
    Path tmp;

    @Test
    void sixFoldersMapOntoFer2013AndContemptIsKeptApart() throws IOException {
        Path tarball = tarball();
        long leftoversBefore = leftovers();
        CkPlus ck = CkPlus.load(tarball, 48);
        assertThat(ck.shared().count()).isEqualTo(6);
        assertThat(java.util.stream.IntStream.range(0, 6).mapToObj(ck.shared()::emotion)).containsExactly(
                Emotion.ANGRY, Emotion.DISGUST, Emotion.FEAR, Emotion.HAPPY, Emotion.SAD, Emotion.SURPRISE);
        assertThat(ck.shared().pixel(4, 10, 10)).as("sadness image").isEqualTo(10 * FOLDERS.indexOf("sadness"));
        assertThat(ck.contempt().count()).isEqualTo(1);
        assertThat(ck.contempt().pixel(0, 0, 0)).isEqualTo(10 * FOLDERS.indexOf("contempt"));
        assertThat(leftovers()).as("the unpacked copy is deleted").isEqualTo(leftoversBefore);
        assertThat(LabelMapping.standard().find(CkPlus.CONTEMPT)).isEmpty();
    }

    /** Contempt is not one of the seven: a copy without its folder still loads, with no contempt images. */
    @Test
    void aCopyWithoutTheContemptFolderLoads() throws IOException {
        CkPlus ck = CkPlus.load(tarball(FOLDERS.stream().filter(f -> !f.equals(CkPlus.CONTEMPT)).toList()), 48);
        assertThat(ck.shared().count()).isEqualTo(6);
        assertThat(ck.contempt().count()).isZero();
    }

    @Test
    void theSharedCopyHasTheKnownClassCounts() throws IOException {
        Path ck = SharedData.ckplus().orElse(null);
        Assumptions.assumeTrue(ck != null, "CK+ not found (" + SharedData.describe() + "): skipping");
        CkPlus data = CkPlus.load(ck, 48);
        assertThat(data.shared().classCounts()).containsExactly(135, 177, 75, 207, 84, 249, 0);
        assertThat(data.contempt().count()).isEqualTo(54);
    }

    /** {@code ckplus.tar.gz} with a top folder {@code CK+48/}, as the shared copy has. */
    private Path tarball() throws IOException {
        return tarball(FOLDERS);
    }

    /** As {@link #tarball()}, with only {@code folders} (each image's value still from its place in FOLDERS). */
    private Path tarball(List<String> folders) throws IOException {
        Path file = tmp.resolve("ckplus.tar.gz");
        try (OutputStream tar = new GZIPOutputStream(Files.newOutputStream(file))) {
            for (String folder : folders) {
                BufferedImage img = new BufferedImage(48, 48, BufferedImage.TYPE_BYTE_GRAY);
                int[] grey = new int[48 * 48];
                java.util.Arrays.fill(grey, 10 * FOLDERS.indexOf(folder));
                img.getRaster().setSamples(0, 0, 48, 48, 0, grey);
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                ImageIO.write(img, "png", png);
                writeEntry(tar, "CK+48/" + folder + "/S001_001_00000001.png", png.toByteArray());
            }
            tar.write(new byte[1024]);
        }
        return file;
    }

    /** One regular file in POSIX ustar form: a 512-byte header, then the data padded to 512 bytes. */
    private static void writeEntry(OutputStream out, String name, byte[] data) throws IOException {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", data.length));
        put(header, 136, String.format("%011o", 0));
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xFF;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        out.write(header);
        out.write(data);
        out.write(new byte[(512 - data.length % 512) % 512]);
    }

    private static void put(byte[] header, int offset, String value) {
        byte[] b = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, header, offset, b.length);
    }

    private static long leftovers() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("deepfer-ckplus")).count();
        }
    }
}
