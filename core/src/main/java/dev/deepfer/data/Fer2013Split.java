package dev.deepfer.data;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The three {@code Usage} values of the FER2013 CSV: {@code Training} for fitting,
 * {@code PublicTest} for every choice (early stopping, ensemble weights, temperature) and
 * {@code PrivateTest} for the one reported number.
 */
public enum Fer2013Split {
    TRAINING("Training"),
    PUBLIC_TEST("PublicTest"),
    PRIVATE_TEST("PrivateTest");

    private final String csvName;

    Fer2013Split(String csvName) {
        this.csvName = csvName;
    }

    /** The value in the CSV's {@code Usage} column ({@code "PublicTest"}). */
    public String csvName() {
        return csvName;
    }

    /**
     * Parses the CSV name or the enum name, case-insensitively ({@code "publictest"},
     * {@code "PUBLIC_TEST"}); lists the valid names on error.
     */
    public static Fer2013Split parse(String name) {
        String n = name.trim();
        for (Fer2013Split s : values()) {
            if (s.csvName.equalsIgnoreCase(n) || s.name().equalsIgnoreCase(n)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown FER2013 split '" + name + "'; valid: " + validNames());
    }

    /** The CSV names, comma-separated, for error messages. */
    static String validNames() {
        return Arrays.stream(values()).map(Fer2013Split::csvName).collect(Collectors.joining(", "));
    }
}
