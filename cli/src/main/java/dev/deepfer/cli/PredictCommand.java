package dev.deepfer.cli;

import dev.deepfer.data.ImageDecodeException;
import dev.deepfer.infer.EmotionRecognizer;
import dev.deepfer.infer.FaceEmotion;
import dev.deepfer.infer.ModelBundle;
import dev.deepfer.infer.RecognitionResult;
import picocli.CommandLine.Command;
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
 * {@code deepfer predict}: faces and emotions in a photo or in every photo of a directory. A bad
 * file does not stop a directory run: it is reported, counted in the summary and in the exit code.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Detect faces and recognise their emotions in an image or a directory of images.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:all images read", "1:internal error", "2:bad arguments or no image to read",
            "3:some images could not be read (see the summary)"})
public final class PredictCommand implements Callable<Integer> {
    private static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

    @Parameters(index = "0", paramLabel = "<image|directory>") Path input;

    @Option(names = "--model", description = "Model bundle (default: the bundled default model).") Path model;

    @Option(names = "--json", description = "One JSON object per image (JSON Lines for a directory).") boolean json;

    @Override
    public Integer call() throws Exception {
        List<Path> files = files(input);
        int failed = 0;
        try (EmotionRecognizer recognizer = EmotionRecognizer.load(model != null ? model
                : ModelBundle.defaultLocation())) {
            for (Path f : files) {
                try {
                    print(recognizer.recognize(f));
                } catch (ImageDecodeException e) {
                    failed++;
                    System.err.println("deepfer: " + e.getMessage());
                }
            }
        }
        if (files.size() > 1 || failed > 0) {
            System.err.printf(Locale.ROOT, "%d image(s) read, %d failed%n", files.size() - failed, failed);
        }
        return failed == 0 ? 0 : 3;
    }

    private void print(RecognitionResult r) {
        if (json) {
            System.out.println(r.toJson().toString());
            return;
        }
        System.out.printf(Locale.ROOT, "%s (%dx%d): %d face(s)%n", r.image(), r.width(), r.height(), r.faces().size());
        int i = 1;
        for (FaceEmotion f : r.faces()) {
            System.out.printf(Locale.ROOT, "  face %d at x=%d y=%d %dx%d: %s %.2f%n", i++, f.box().x(), f.box().y(),
                    f.box().width(), f.box().height(), f.emotion().label(), f.confidence());
        }
    }

    private static List<Path> files(Path input) throws IOException {
        if (Files.isRegularFile(input)) {
            return List.of(input);
        }
        if (!Files.isDirectory(input)) {
            throw new IllegalArgumentException("no such file or directory: " + input);
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(input)) {
            s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted()
                    .forEach(out::add);
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
