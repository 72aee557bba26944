package dev.deepfer.report;

import dev.deepfer.train.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes images as PNG files atomically ({@link AtomicFiles}): a crash leaves the old file or the new one. */
public final class PngFile {
    private PngFile() {
    }

    /** Writes {@code image} to {@code png}, creating parent directories. */
    public static void write(BufferedImage image, Path png) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("cannot write " + png + ": this Java runtime has no PNG writer");
            }
        });
    }
}
