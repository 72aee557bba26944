package dev.deepfer.cli;

import picocli.CommandLine.Model.CommandSpec;

import java.util.Arrays;
import java.util.List;
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

    /** Those of the options {@code names} that were given on the command line (not defaulted), in that order. */
    static List<String> given(CommandSpec spec, List<String> names) {
        return names.stream().filter(spec.commandLine().getParseResult()::hasMatchedOption).toList();
    }

    /** The command line as the launcher passed it (for provenance). */
    static String commandLine() {
        String cmd = System.getProperty("deepfer.command");
        return cmd != null ? cmd : ProcessHandle.current().info().commandLine().orElse("deepfer");
    }
}
