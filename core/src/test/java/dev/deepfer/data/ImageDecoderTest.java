package dev.deepfer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.deepfer.data.ImageDecodeException.Reason;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {
    private final ImageDecoder decoder = new ImageDecoder();

    @Test
    void emptyBytesAreEmpty() {
        assertFails(new byte[0], Reason.EMPTY, "empty");
    }

    @Test
    void randomBytesAreUnsupported() {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        assertFails(noise, Reason.UNSUPPORTED_FORMAT, "not an image format");
    }

    @Test
    void truncatedJpegIsRejected() throws IOException {
        Optional<Path> samples = SharedData.samples();
        assumeTrue(samples.isPresent(), "shared samples absent, looked in " + SharedData.describe());
        byte[] whole = Files.readAllBytes(samples.get().resolve("angry_man.jpg"));
        assertFails(Arrays.copyOf(whole, whole.length / 2), Reason.TRUNCATED_OR_CORRUPT, "cut short");
    }

    @Test
    void truncatedPngIsRejected() throws IOException {
        byte[] png = encode(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "png");
        assertFails(Arrays.copyOf(png, 60), Reason.TRUNCATED_OR_CORRUPT, "png");
    }

    @Test
    void pngDeclaring50000SquaredPixelsIsRejectedFromTheHeader() {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(50_000).putInt(50_000)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        byte[] png = concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'},
                chunk("IHDR", ihdr.array()), chunk("IEND", new byte[0]));
        long before = usedHeap();
        assertFails(png, Reason.TOO_MANY_PIXELS, "2,500,000,000 pixels");
        assertThat(usedHeap() - before).as("bytes allocated").isLessThan(100L << 20);
    }

    /**
     * The pixel limit bounds the decoded raster's bytes: a 16-bit RGBA PNG (8 bytes a pixel) may have
     * half the pixels of an 8-bit one. Both headers declare 100 x 100 pixels, within the 15,000 of
     * this decoder; the deep one is refused from its header (60,000 bytes allowed, 80,000 needed), the
     * 8-bit one is read on (and fails later, as it has no pixel data).
     */
    @Test
    void deepPixelsCountAgainstTheLimitByTheirBytes() {
        ImageDecoder limited = new ImageDecoder(15_000, 1 << 20);
        byte[] deep = pngHeader(100, 100, 16, 6);
        assertThatThrownBy(() -> limited.decode(deep, "deep.png")).isInstanceOfSatisfying(ImageDecodeException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS))
                .hasMessageContaining("pixels of 8 bytes: 80,000 bytes decoded, over the limit of 60,000");
        assertThatThrownBy(() -> limited.decode(pngHeader(100, 100, 8, 6), "rgba.png"))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED_OR_CORRUPT));
    }

    /** A PNG of only its signature, header and end: no pixel data. */
    private static byte[] pngHeader(int width, int height, int bitDepth, int colourType) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) bitDepth).put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) 0);
        return concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'},
                chunk("IHDR", ihdr.array()), chunk("IEND", new byte[0]));
    }

    @Test
    void byteLimitIsChecked() {
        ImageDecoder small = new ImageDecoder(1000, 10);
        assertThatThrownBy(() -> small.decode(new byte[11], "big.png"))
                .isInstanceOfSatisfying(ImageDecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    }

    @Test
    void missingPathAndFolderAreUnreadable(@TempDir Path dir) {
        for (Path p : new Path[] {dir.resolve("nope.jpg"), dir}) {
            assertThatThrownBy(() -> decoder.decode(p))
                    .isInstanceOfSatisfying(ImageDecodeException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.UNREADABLE);
                        assertThat(e.getMessage()).startsWith(p.toString());
                    });
        }
    }

    @Test
    void exifOrientation6IsTurnedClockwise() throws Exception {
        BufferedImage img = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 20, 20);
        g.setColor(Color.BLUE);
        g.fillRect(20, 0, 20, 20);
        g.dispose();
        DecodedImage decoded = decoder.decode(withExifOrientation(encode(img, "jpg"), 6), "phone.jpg");
        assertThat(decoded.orientation()).isEqualTo(ExifOrientation.ROTATE_90_CW);
        assertThat(decoded.storedWidth()).isEqualTo(40);
        assertThat(decoded.width()).isEqualTo(20);
        assertThat(decoded.height()).isEqualTo(40);
        assertThat(new Color(decoded.image().getRGB(10, 8)).getRed()).as("left half moved to the top").isGreaterThan(200);
        assertThat(new Color(decoded.image().getRGB(10, 32)).getBlue()).isGreaterThan(200);
    }

    @Test
    void sixteenBitGreyAndRgbaPngsKeepTheirModels() throws Exception {
        BufferedImage grey16 = new BufferedImage(5, 3, BufferedImage.TYPE_USHORT_GRAY);
        grey16.getRaster().setSample(2, 1, 0, 40_000);
        DecodedImage g = decoder.decode(encode(grey16, "png"), "grey16.png");
        assertThat(g.image().getColorModel().getComponentSize(0)).isEqualTo(16);
        assertThat(g.image().getRaster().getSample(2, 1, 0)).isEqualTo(40_000);

        BufferedImage rgba = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        rgba.setRGB(1, 2, 0x80102030);
        DecodedImage c = decoder.decode(encode(rgba, "png"), "rgba.png");
        assertThat(c.image().getColorModel().hasAlpha()).isTrue();
        assertThat(c.image().getRGB(1, 2)).isEqualTo(0x80102030);
        assertThat(c.format()).isEqualTo("png");
    }

    @Test
    void orientationsMapCornersLikeExifSays() {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(0, 0, 0, 255);
        int[][] corner = {{0, 0}, {2, 0}, {2, 1}, {0, 1}, {0, 0}, {1, 0}, {1, 2}, {0, 2}};
        for (ExifOrientation o : ExifOrientation.values()) {
            BufferedImage out = o.apply(img);
            int[] at = corner[o.ordinal()];
            assertThat(out.getRaster().getSample(at[0], at[1], 0)).as(o.name()).isEqualTo(255);
            assertThat(out.getWidth()).as(o.name()).isEqualTo(o.swapsAxes() ? 2 : 3);
        }
    }

    private void assertFails(byte[] bytes, Reason reason, String messagePart) {
        assertThatThrownBy(() -> decoder.decode(bytes, "upload.bin"))
                .isInstanceOfSatisfying(ImageDecodeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).startsWith("upload.bin: ").containsIgnoringCase(messagePart);
                });
    }

    static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, format, out)).isTrue();
        return out.toByteArray();
    }

    /** {@code jpeg} with a minimal big-endian EXIF APP1 segment (one IFD0 entry) right after SOI. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26).put("MM".getBytes(StandardCharsets.US_ASCII))
                .putShort((short) 42).putInt(8).putShort((short) 1)
                .putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0)
                .putInt(0);
        byte[] payload = concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), tiff.array());
        ByteBuffer app1 = ByteBuffer.allocate(4 + payload.length).put((byte) 0xFF).put((byte) 0xE1)
                .putShort((short) (2 + payload.length)).put(payload);
        return concat(Arrays.copyOf(jpeg, 2), app1.array(), Arrays.copyOfRange(jpeg, 2, jpeg.length));
    }

    private static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                .putInt((int) crc.getValue()).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
