package dev.deepfer.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Locates the read-only {@code shared/} material (datasets, sample photos) that developer machines
 * and CI have beside the checkout but a user's fresh clone does not. Resolved from the environment
 * variable {@value #ENV} when set, else {@code ../shared} or {@code ../../shared} relative to the
 * working directory (project root or module directory). Callers skip with {@link #describe()} in
 * the message when a path is absent.
 */
public final class SharedData {
    /** Environment variable naming the shared folder explicitly. */
    public static final String ENV = "DEEPFER_SHARED";

    private SharedData() {
    }

    /** The shared folder, if found. */
    public static Optional<Path> root() {
        return candidates().stream().filter(Files::isDirectory).findFirst();
    }

    /** {@code datasets/fer2013/fer2013.csv.gz} (or the unpacked {@code fer2013.csv}), if present. */
    public static Optional<Path> fer2013() {
        return file("datasets/fer2013/fer2013.csv.gz", "datasets/fer2013/fer2013.csv");
    }

    /** {@code datasets/ckplus48/ckplus48.tar.gz} (a tarball of class folders), if present. */
    public static Optional<Path> ckplus() {
        return file("datasets/ckplus48/ckplus48.tar.gz");
    }

    /** The {@code samples/} folder of in-the-wild photos, if present. */
    public static Optional<Path> samples() {
        return candidates().stream().map(r -> r.resolve("samples")).filter(Files::isDirectory).findFirst();
    }

    /**
     * The folders looked at, in order: only {@value #ENV} when it is set, else the two paths
     * relative to the working directory.
     */
    public static List<Path> candidates() {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return List.of(Path.of(env).toAbsolutePath().normalize());
        }
        Path cwd = Path.of("").toAbsolutePath();
        return List.of(cwd.resolve("../shared").normalize(), cwd.resolve("../../shared").normalize());
    }

    /** Where the shared folder was looked for, for skip messages. */
    public static String describe() {
        return candidates().toString();
    }

    private static Optional<Path> file(String... relatives) {
        return find(candidates(), relatives);
    }

    /**
     * The first of {@code relatives} found under the first of {@code roots} that has any of them
     * (a shared folder that exists but lacks the file does not hide another that has it).
     */
    static Optional<Path> find(List<Path> roots, String... relatives) {
        for (Path root : roots) {
            for (String relative : relatives) {
                Path f = root.resolve(relative);
                if (Files.isRegularFile(f)) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }
}
