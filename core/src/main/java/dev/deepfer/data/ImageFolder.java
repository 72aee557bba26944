package dev.deepfer.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a folder tree with one sub-folder per class ({@code root/anger/x.png}, as CK+, RAF-DB and
 * most exported datasets are laid out) into a {@link FaceDataset}. Folder names go through a
 * {@link LabelMapping}; every non-hidden file below a class folder must be an image javax.imageio
 * can decode (PNG, JPEG, BMP, GIF), of any size or colour, and is converted by
 * {@link GreyImages#toGrey}. Folders and files are read in sorted order, so the image order is
 * deterministic.
 */
public final class ImageFolder {
    private static final ImageDecoder DECODER = new ImageDecoder();

    private ImageFolder() {
    }

    /** Reads every class folder under {@code root} with the standard label names. */
    public static FaceDataset load(Path root, int size) throws IOException {
        return load(root, size, Set.of());
    }

    /** As {@link #load(Path, int)}, leaving out the folders named in {@code skipFolders} (any case). */
    public static FaceDataset load(Path root, int size, Set<String> skipFolders) throws IOException {
        return load(root, size, LabelMapping.standard(), skipFolders);
    }

    /**
     * Reads every class folder under {@code root} whose name is not in {@code skipFolders}
     * (compared case-insensitively), mapping folder names through {@code mapping}.
     *
     * @throws InvalidDataException when a folder name is unknown (all unknown and all accepted
     *                              names are listed), a file is not a readable image, or no image
     *                              is found
     */
    public static FaceDataset load(Path root, int size, LabelMapping mapping, Set<String> skipFolders)
            throws IOException {
        if (size <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + size);
        }
        if (!Files.isDirectory(root)) {
            throw new InvalidDataException(root, -1, "not a folder");
        }
        Set<String> skip = skipFolders.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<Path> classFolders = new ArrayList<>();
        Set<String> unknown = new TreeSet<>();
        for (Path folder : sortedVisible(root)) {
            String name = folder.getFileName().toString();
            if (!Files.isDirectory(folder) || skip.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (mapping.find(name).isEmpty()) {
                unknown.add(name);
            }
            classFolders.add(folder);
        }
        if (!unknown.isEmpty()) {
            throw new InvalidDataException(root, -1, "unknown class folders " + unknown + "; accepted (any case): "
                    + String.join(", ", mapping.names()));
        }
        GrowingBytes pixels = new GrowingBytes(size * size * 256);
        GrowingBytes labels = new GrowingBytes(256);
        for (Path folder : classFolders) {
            byte label = (byte) mapping.emotionOf(folder.getFileName().toString()).ordinal();
            for (Path file : imageFiles(folder)) {
                pixels.add(GreyImages.toGrey(read(file), size), 0, size * size);
                labels.add(label);
            }
        }
        if (labels.size() == 0) {
            throw new InvalidDataException(root, -1, classFolders.isEmpty()
                    ? "no class folders (expected one sub-folder per emotion, e.g. happy/, sad/)"
                    : "no images in the class folders");
        }
        return new FaceDataset(root.toString(), size, pixels.toArray(), labels.toArray());
    }

    /**
     * The image turned upright per its EXIF orientation, as recognition decodes it
     * ({@link ImageDecoder}): a folder of phone photos is not trained or evaluated on its side.
     */
    private static BufferedImage read(Path file) {
        try {
            return DECODER.decode(file).image();
        } catch (ImageDecodeException e) {
            String detail = e.getMessage().substring(Math.min(e.getMessage().length(), e.name().length() + 2));
            throw new InvalidDataException(file, -1, "not a readable image (" + detail + ")", e);
        }
    }

    /** Regular non-hidden files anywhere below {@code folder} (outside hidden folders), sorted by path. */
    private static List<Path> imageFiles(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !isHiddenBelow(folder, p))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    private static boolean isHiddenBelow(Path folder, Path file) {
        for (Path part : folder.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> sortedVisible(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().collect(Collectors.toList());
        }
    }
}
