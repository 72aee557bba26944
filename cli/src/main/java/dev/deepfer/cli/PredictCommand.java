package dev.deepfer.cli;

import dev.deepfer.data.DecodedImage;
import dev.deepfer.data.ImageDecodeException;
import dev.deepfer.infer.Annotations;
import dev.deepfer.infer.EmotionRecognizer;
import dev.deepfer.infer.FaceEmotion;
import dev.deepfer.infer.FaceCsv;
import dev.deepfer.train.ProgressBar;
import dev.deepfer.infer.RecognitionResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code deepfer predict}: faces and emotions in a photo or in every photo of a directory. A file
 * that cannot be read or recognised does not stop a directory run: it is reported, counted in the
 * summary and in the exit code.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Detect faces and recognise their emotions in an image or a directory of images.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:all images read", "1:internal error", "2:bad arguments or no image to read",
            "3:some images could not be read or recognised (see the summary)"})
public final class PredictCommand implements Callable<Integer> {
    private static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");
    /** From this many images on, a directory run reports progress even when stderr is not a terminal. */
    static final int MANY_FILES = 50;

    @Parameters(index = "0", paramLabel = "<image|directory>") Path input;

    @Mixin RecognizerOptions recognizerOptions;

    @Option(names = "--json", description = "One JSON object per image (JSON Lines for a directory).") boolean json;

    @Option(names = "--csv", description = "One CSV row per face: image, face, box, emotion, confidence, "
            + "probabilities.") boolean csv;

    @Option(names = "--annotate", paramLabel = "<out-dir>",
            description = "Write a copy of each image with boxes, labels and probability bars: "
                    + "<out-dir>/<its path under the input>" + AnnotatedCopies.SUFFIX + " (PNG).") Path annotate;

    @Override
    public Integer call() throws Exception {
        if (json && csv) {
            throw new IllegalArgumentException("choose one of --json and --csv");
        }
        AnnotatedCopies copies = annotate == null ? null : new AnnotatedCopies(input, annotate);
        List<Path> files = files(input, copies);
        if (copies != null) {
            Files.createDirectories(annotate);
        }
        if (csv) {
            System.out.println("image,face," + FaceCsv.boxHeader() + "," + FaceCsv.emotionHeader(""));
        }
        int failed;
        try (EmotionRecognizer recognizer = recognizerOptions.load()) {
            failed = recogniseEach(files, f -> recognise(recognizer, copies, f));
        }
        if (files.size() > 1 || failed > 0) {
            System.err.printf(Locale.ROOT, "%d image(s) read, %d failed%n", files.size() - failed, failed);
        }
        return failed == 0 ? 0 : 3;
    }

    /** What is done with one image: recognise it (and write its annotated copy). */
    @FunctionalInterface
    interface Recognition {
        RecognitionResult of(Path file) throws ImageDecodeException, IOException;
    }

    /**
     * Prints what {@code recognition} finds in each file and returns how many failed. A file that
     * cannot be decoded, or whose recognition throws, is named on stderr (with the exception, when it
     * is not a decoding error) and counted, and the others go on; an I/O error writing an output stops
     * the run.
     */
    int recogniseEach(List<Path> files, Recognition recognition) throws IOException {
        ProgressBar bar = progressBar(files.size());
        int faces = 0;
        int failed = 0;
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            try {
                RecognitionResult r = recognition.of(f);
                faces += r.faces().size();
                clear(bar);
                print(r);
            } catch (ImageDecodeException | RuntimeException e) {
                failed++;
                clear(bar);
                System.err.println("deepfer: " + (e instanceof ImageDecodeException ? e.getMessage()
                        : f + ": recognition failed: " + e));
            }
            if (bar != null) {
                bar.update(i + 1, i + 1, faces + " face(s), " + failed + " failed");
            }
        }
        return failed;
    }

    /**
     * A bar on stderr for a directory: redrawn in place when the console is a terminal, else (a
     * log, a pipe) a line every 10% once there are {@value #MANY_FILES} or more images.
     */
    private static ProgressBar progressBar(int files) {
        boolean terminal = System.console() != null;
        if (files < 2 || (!terminal && files < MANY_FILES)) {
            return null;
        }
        return new ProgressBar(System.err, "predict", files, terminal, "img/s");
    }

    /** Blanks a terminal bar's line before a result is printed over it. */
    private static void clear(ProgressBar bar) {
        if (bar != null) {
            bar.clearLine();
        }
    }

    /** Decodes and recognises {@code file} and, with {@code copies}, writes its annotated copy. */
    private static RecognitionResult recognise(EmotionRecognizer recognizer, AnnotatedCopies copies, Path file)
            throws ImageDecodeException, IOException {
        DecodedImage image = recognizer.decode(file);
        List<FaceEmotion> faces = recognizer.recognize(image.image());
        if (copies != null) {
            copies.write(file, Annotations.draw(image.image(), faces));
        }
        return new RecognitionResult(file.toString(), image.width(), image.height(), faces);
    }

    private void print(RecognitionResult r) {
        if (json) {
            System.out.println(r.toJson().toString());
            return;
        }
        if (csv) {
            int i = 0;
            for (FaceEmotion f : r.faces()) {
                System.out.println(FaceCsv.field(r.image()) + "," + i++ + "," + FaceCsv.box(f.box()) + ","
                        + FaceCsv.emotion(f));
            }
            return;
        }
        System.out.printf(Locale.ROOT, "%s (%dx%d): %d face(s)%n", r.image(), r.width(), r.height(), r.faces().size());
        int i = 1;
        for (FaceEmotion f : r.faces()) {
            System.out.printf(Locale.ROOT, "  face %d at x=%d y=%d %dx%d: %s %.2f%n", i++, f.box().x(), f.box().y(),
                    f.box().width(), f.box().height(), f.emotion().label(), f.confidence());
        }
    }

    /** The image files of {@code input} (itself, or those under it but not among {@code copies}), sorted. */
    private static List<Path> files(Path input, AnnotatedCopies copies) throws IOException {
        if (Files.isRegularFile(input)) {
            return List.of(input);
        }
        if (!Files.isDirectory(input)) {
            throw new IllegalArgumentException("no such file or directory: " + input);
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(input)) {
            s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> copies == null || !copies.isCopy(p)).sorted().forEach(out::add);
        }
        out.removeIf(p -> {
            String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
            int dot = n.lastIndexOf('.');
            return dot < 0 || !EXTENSIONS.contains(n.substring(dot + 1));
        });
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no images (" + String.join(", ", EXTENSIONS) + ") in " + input);
        }
        return out;
    }
}
