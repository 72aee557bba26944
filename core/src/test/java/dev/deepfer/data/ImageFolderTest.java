package dev.deepfer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
    @TempDir
    Path root;

    static BufferedImage filled(int width, int height, int type, Color colour) {
        BufferedImage img = new BufferedImage(width, height, type);
        Graphics2D g = img.createGraphics();
        g.setComposite(java.awt.AlphaComposite.Src);
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return img;
    }

    static BufferedImage grey16(int width, int height, int value) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        int[] samples = new int[width * height];
        Arrays.fill(samples, value);
        img.getRaster().setSamples(0, 0, width, height, 0, samples);
        return img;
    }

    void save(BufferedImage img, String format, String relative) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        assertThat(ImageIO.write(img, format, file.toFile())).as("writer for " + format).isTrue();
    }

    /** Anger: red RGB PNG 64x40 and half-transparent white ARGB PNG; HAPPY: 16-bit grey PNG, BMP, GIF; sadness: JPEG. */
    void writeMixedTree() throws IOException {
        save(filled(64, 40, BufferedImage.TYPE_INT_RGB, Color.RED), "png", "Anger/a_rgb.png");
        save(filled(30, 30, BufferedImage.TYPE_INT_ARGB, new Color(255, 255, 255, 128)), "png", "Anger/b_rgba.png");
        save(grey16(20, 20, 257 * 200), "png", "HAPPY/c_grey16.png");
        save(filled(50, 70, BufferedImage.TYPE_INT_RGB, new Color(0, 0, 255)), "bmp", "HAPPY/d_blue.bmp");
        save(filled(48, 48, BufferedImage.TYPE_BYTE_INDEXED, Color.WHITE), "gif", "HAPPY/e_white.gif");
        save(filled(100, 100, BufferedImage.TYPE_3BYTE_BGR, new Color(100, 100, 100)), "jpg", "sadness/f.jpg");
        Files.writeString(root.resolve("HAPPY/.DS_Store"), "not an image");
        Files.createDirectories(root.resolve(".thumbnails"));
        Files.writeString(root.resolve("README.txt"), "files beside the class folders are ignored");
    }

    @Test
    void loadsAnySizeAndColourWithMappedLabelsInSortedOrder() throws IOException {
        writeMixedTree();

        FaceDataset data = ImageFolder.load(root, 48);

        assertThat(data.count()).isEqualTo(6);
        assertThat(data.imageSize()).isEqualTo(48);
        assertThat(data.source()).isEqualTo(root.toString());
        assertThat(Arrays.stream(new int[] {0, 1, 2, 3, 4, 5}).mapToObj(data::emotion))
                .containsExactly(Emotion.ANGRY, Emotion.ANGRY, Emotion.HAPPY, Emotion.HAPPY, Emotion.HAPPY, Emotion.SAD);
        assertThat(data.pixel(0, 24, 24)).isEqualTo(76); // 0.299 * 255
        assertThat(data.pixel(1, 0, 47)).isEqualTo(128); // white at alpha 128 over black
        assertThat(data.pixel(2, 10, 10)).isEqualTo(200); // 16-bit 200*257
        assertThat(data.pixel(3, 47, 0)).isEqualTo(29); // 0.114 * 255
        assertThat(data.pixel(4, 5, 5)).isEqualTo(255);
        assertThat(data.pixel(5, 24, 24)).isBetween(97, 103); // JPEG of grey 100
    }

    @Test
    void skipsNamedFoldersInAnyCase() throws IOException {
        save(filled(8, 8, BufferedImage.TYPE_BYTE_GRAY, Color.GRAY), "png", "contempt/x.png");
        save(filled(8, 8, BufferedImage.TYPE_BYTE_GRAY, Color.GRAY), "png", "fear/x.png");

        FaceDataset data = ImageFolder.load(root, 16, Set.of("Contempt"));

        assertThat(data.count()).isEqualTo(1);
        assertThat(data.emotion(0)).isEqualTo(Emotion.FEAR);
        assertThat(data.imageSize()).isEqualTo(16);
    }

    @Test
    void unknownFolderNamesAreListedWithTheAcceptedOnes() throws IOException {
        save(filled(8, 8, BufferedImage.TYPE_BYTE_GRAY, Color.GRAY), "png", "happy/x.png");
        Files.createDirectories(root.resolve("contempt"));
        Files.createDirectories(root.resolve("Bored"));

        assertThatThrownBy(() -> ImageFolder.load(root, 48))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(root.getFileName() + ": unknown class folders [Bored, contempt]; accepted (any case): ")
                .hasMessageContaining("anger, angry, calm, disgust")
                .hasMessageEndingWith("surprise, surprised");
    }

    @Test
    void unreadableImageIsNamed() throws IOException {
        save(filled(8, 8, BufferedImage.TYPE_BYTE_GRAY, Color.GRAY), "png", "sad/good.png");
        Files.writeString(root.resolve("sad/broken.png"), "this is not a PNG");

        assertThatThrownBy(() -> ImageFolder.load(root, 48))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> {
                    assertThat(e.file()).isEqualTo("broken.png");
                    assertThat(e.line()).isEqualTo(-1);
                })
                .hasMessage("broken.png: not a readable image (not an image format this program reads (PNG, JPEG,"
                        + " BMP, GIF or TIFF expected))");
    }

    /** A phone photo stored sideways with EXIF orientation 6 is loaded upright, as recognition decodes it. */
    @Test
    void exifOrientationIsAppliedAsAtRecognition() throws IOException {
        BufferedImage stored = new BufferedImage(96, 48, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = stored.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 48, 48); // left half white: the top half once turned clockwise
        g.dispose();
        Files.createDirectories(root.resolve("happy"));
        Files.write(root.resolve("happy/phone.jpg"),
                ImageDecoderTest.withExifOrientation(ImageDecoderTest.encode(stored, "jpg"), 6));

        FaceDataset faces = ImageFolder.load(root, 48);
        // upright it is 48 wide and 96 high, scaled to 48x48: white above, black below (sideways: left, right)
        assertThat(faces.pixel(0, 2, 24)).as("top").isGreaterThan(200);
        assertThat(faces.pixel(0, 45, 24)).as("bottom").isLessThan(50);
    }

    @Test
    void emptyTreesAreClearErrors() throws IOException {
        assertThatThrownBy(() -> ImageFolder.load(root, 48))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("no class folders");
        Files.createDirectories(root.resolve("happy"));
        assertThatThrownBy(() -> ImageFolder.load(root, 48))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageEndingWith(": no images in the class folders");
        assertThatThrownBy(() -> ImageFolder.load(root.resolve("missing"), 48))
                .hasMessage("missing: not a folder");
    }
}
