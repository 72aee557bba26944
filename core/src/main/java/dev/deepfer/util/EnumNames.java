package dev.deepfer.util;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Enum constants looked up by the name users type (a CLI option, a CSV value, an API field): the
 * constant's display name or its Java name, case-insensitively, '-' standing for '_'. One place, so
 * every such option trims, matches and reports errors (with the valid names) alike.
 */
public final class EnumNames {
    private EnumNames() {
    }

    /**
     * @param type    the enum
     * @param name    what the user gave
     * @param display the user-facing name of a constant
     * @param what    what the values are, for the error ("FER2013 split")
     * @throws IllegalArgumentException naming the value and listing the valid display names
     */
    public static <E extends Enum<E>> E lookup(Class<E> type, String name, Function<E, String> display, String what) {
        String n = name.trim();
        for (E e : type.getEnumConstants()) {
            if (display.apply(e).equalsIgnoreCase(n) || e.name().equalsIgnoreCase(n.replace('-', '_'))) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + name + "'; valid: " + list(type, display));
    }

    /** The display names of all constants, comma-separated. */
    public static <E extends Enum<E>> String list(Class<E> type, Function<E, String> display) {
        return Arrays.stream(type.getEnumConstants()).map(display).collect(Collectors.joining(", "));
    }
}
