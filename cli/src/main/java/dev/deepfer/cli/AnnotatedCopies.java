package dev.deepfer.cli;


import dev.deepfer.report.PngFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where {@code predict --annotate <dir>} puts its copies: {@code <dir>/<the image's path under the
 * input>.annotated.png}, e.g. {@code photos/a/x.jpg} becomes {@code <dir>/a/x.jpg.annotated.png}, so
 * same-named images in two folders, or {@code x.jpg} beside {@code x.png}, get one copy each. A copy is
 * written to a temporary file beside it and renamed, so a killed run leaves no half PNG. When
 * {@code <dir>} lies inside the input directory, it is not read as input.
 */
final class AnnotatedCopies {
    static final String SUFFIX = ".annotated.png";

    private final Path input;
    private final Path out;
    private final Path outInsideInput;

    /**
     * Copies of the images of {@code input} (an image or a directory) in {@code out}.
     *
     * @throws IllegalArgumentException if {@code out} is the input directory itself (the copies
     *     would lie among the images and be read as images by the next run)
     */
    AnnotatedCopies(Path input, Path out) {
        this.input = input;
        this.out = out;
        Path in = input.toAbsolutePath().normalize();
        Path o = out.toAbsolutePath().normalize();
        if (o.equals(in)) {
            throw new IllegalArgumentException("--annotate " + out + " is the input; write the copies to a directory "
                    + "of their own (one inside the input directory is fine: it is not read)");
        }
        this.outInsideInput = Files.isDirectory(input) && o.startsWith(in) ? o : null;
    }

    /** Whether {@code file}, found under the input, lies in the copies' directory (and is not an input). */
    boolean isCopy(Path file) {
        return outInsideInput != null && file.toAbsolutePath().normalize().startsWith(outInsideInput);
    }

    /** The copy of {@code image}, an image file of the input. */
    Path of(Path image) {
        Path relative = Files.isDirectory(input) ? input.relativize(image) : image.getFileName();
        return out.resolve(relative + SUFFIX);
    }

    /** Writes {@code annotated} as the copy of {@code image}, creating its directory. */
    void write(Path image, BufferedImage annotated) throws IOException {
        PngFile.write(annotated, of(image));
    }
}
