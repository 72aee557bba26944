package dev.deepfer.data;

import ai.djl.util.TarUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The extended Cohn-Kanade set (CK+, Lucey et al., CVPR workshops 2010) in its common 48x48
 * "CK+48" export: one folder per class ({@code anger, contempt, disgust, fear, happy, sadness,
 * surprise}), read from the folder or straight from a {@code .tar.gz} (unpacked into a temporary
 * folder that is deleted afterwards). For evaluation only. Six classes map onto FER2013's through
 * {@link LabelMapping#standard()}; {@value #CONTEMPT} has no FER2013 class and is kept apart, and
 * CK+ has no neutral folder.
 *
 * @param shared   the images of the six shared classes, labelled in {@link Emotion} order
 * @param contempt the contempt images; their labels are a placeholder ({@link Emotion#NEUTRAL}) and
 *                 mean nothing, only the predictions on them are of interest
 */
public record CkPlus(FaceDataset shared, FaceDataset contempt) {
    /** The CK+ class with no FER2013 counterpart. */
    public static final String CONTEMPT = "contempt";

    /** Reads CK+ from a class-folder tree or a {@code .tar.gz} of one, at {@code size x size}. */
    public static CkPlus load(Path source, int size) throws IOException {
        if (Files.isDirectory(source)) {
            return fromFolder(classRoot(source), size);
        }
        Path tmp = Files.createTempDirectory("deepfer-ckplus");
        try {
            try (InputStream in = Files.newInputStream(source)) {
                TarUtils.untar(in, tmp, source.getFileName().toString().endsWith("gz"));
            }
            return fromFolder(classRoot(tmp), size);
        } finally {
            deleteTree(tmp);
        }
    }

    private static CkPlus fromFolder(Path root, int size) throws IOException {
        FaceDataset shared = ImageFolder.load(root, size, LabelMapping.standard(), Set.of(CONTEMPT));
        Set<String> others = LabelMapping.standard().names();
        // a copy without the contempt folder (it is not one of the seven) is still CK+ for the seven
        FaceDataset contempt = hasFolder(root, CONTEMPT)
                ? ImageFolder.load(root, size, new LabelMapping(Map.of(CONTEMPT, Emotion.NEUTRAL)), others)
                : new FaceDataset(root.resolve(CONTEMPT).toString(), size, new byte[0], new byte[0]);
        return new CkPlus(shared, contempt);
    }

    /** Whether {@code root} has a sub-folder named {@code name}, in any case. */
    private static boolean hasFolder(Path root, String name) throws IOException {
        try (Stream<Path> list = Files.list(root)) {
            return list.anyMatch(p -> Files.isDirectory(p) && p.getFileName().toString().equalsIgnoreCase(name));
        }
    }

    /** The folder holding the class folders: {@code dir} itself or its single sub-folder (the tarball's top). */
    static Path classRoot(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            List<Path> visible = list.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            if (visible.size() == 1 && Files.isDirectory(visible.get(0))
                    && LabelMapping.standard().find(visible.get(0).getFileName().toString()).isEmpty()
                    && !CONTEMPT.equalsIgnoreCase(visible.get(0).getFileName().toString())) {
                return visible.get(0);
            }
            return dir;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
