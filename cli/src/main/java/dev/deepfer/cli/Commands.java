package dev.deepfer.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Small helpers for the edge where strings become typed values. */
final class Commands {
    private Commands() {
    }

    /** Parses an enum constant case-insensitively ('-' for '_'); the error lists valid names. */
    static <E extends Enum<E>> E parseEnum(Class<E> type, String value) {
        String n = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(n)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + type.getSimpleName() + " '" + value + "'; valid: "
                + Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(", ")));
    }

    /** The command line as the launcher passed it (for provenance). */
    static String commandLine() {
        String cmd = System.getProperty("deepfer.command");
        return cmd != null ? cmd : ProcessHandle.current().info().commandLine().orElse("deepfer");
    }
}
