package dev.deepfer.spark;

import dev.deepfer.data.FaceDataset;
import dev.deepfer.data.Fer2013Csv;
import dev.deepfer.data.Fer2013Split;
import dev.deepfer.data.SharedData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Makes the Spark benchmark's input: FER2013 PrivateTest faces as small "photos" — each 48x48
 * face enlarged {@value #SCALE}x (bilinear) to 192x192, centred in a 320x240 grey JPEG whose border
 * repeats the face's edge pixels (so the detector sees a face on a plausible background, not a
 * hard frame). Files are named {@code privatetest-00001-angry.jpg} after the FER2013 label.
 */
@Command(name = "bench-images", mixinStandardHelpOptions = true,
        description = "Write FER2013 PrivateTest faces padded into 320x240 JPEG photos (the Spark benchmark's input).")
public final class BenchImages implements Callable<Integer> {
    static final int WIDTH = 320;
    static final int HEIGHT = 240;
    static final int SCALE = 4;

    @Option(names = "--out", required = true, description = "Output folder.") Path out;

    @Option(names = "--count", defaultValue = "2000", description = "Faces to write. Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--data", description = "FER2013 CSV (default: the shared copy).") Path data;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchImages()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path csv = data != null ? data : SharedData.fer2013().orElseThrow(() -> new IllegalArgumentException(
                "FER2013 not found in " + SharedData.describe() + "; pass --data"));
        FaceDataset faces = Fer2013Csv.load(csv, Fer2013Split.PRIVATE_TEST);
        if (count < 1 || count > faces.count()) {
            throw new IllegalArgumentException("--count must be in 1.." + faces.count());
        }
        Files.createDirectories(out);
        for (int i = 0; i < count; i++) {
            BufferedImage photo = padded(faces.image(i), faces.imageSize());
            String name = String.format(Locale.ROOT, "privatetest-%05d-%s.jpg", i + 1, faces.emotion(i).label());
            ImageIO.write(photo, "jpg", out.resolve(name).toFile());
        }
        System.err.printf(Locale.ROOT, "wrote %d %dx%d photos to %s%n", count, WIDTH, HEIGHT, out);
        return 0;
    }

    /** The face enlarged and centred, the border repeating its edge. */
    static BufferedImage padded(byte[] grey, int size) {
        int side = size * SCALE;
        int left = (WIDTH - side) / 2;
        int top = (HEIGHT - side) / 2;
        BufferedImage photo = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
        var raster = photo.getRaster();
        for (int y = 0; y < HEIGHT; y++) {
            double sy = clamp((Math.min(Math.max(y - top, 0), side - 1) + 0.5) / SCALE - 0.5, size - 1);
            for (int x = 0; x < WIDTH; x++) {
                double sx = clamp((Math.min(Math.max(x - left, 0), side - 1) + 0.5) / SCALE - 0.5, size - 1);
                raster.setSample(x, y, 0, (int) Math.round(bilinear(grey, size, sx, sy)));
            }
        }
        return photo;
    }

    private static double clamp(double v, double max) {
        return Math.min(Math.max(v, 0), max);
    }

    private static double bilinear(byte[] grey, int size, double x, double y) {
        int x0 = (int) x;
        int y0 = (int) y;
        int x1 = Math.min(x0 + 1, size - 1);
        int y1 = Math.min(y0 + 1, size - 1);
        double fx = x - x0;
        double fy = y - y0;
        double top = (grey[y0 * size + x0] & 0xff) * (1 - fx) + (grey[y0 * size + x1] & 0xff) * fx;
        double bottom = (grey[y1 * size + x0] & 0xff) * (1 - fx) + (grey[y1 * size + x1] & 0xff) * fx;
        return top * (1 - fy) + bottom * fy;
    }
}
