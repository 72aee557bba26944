package dev.deepfer.data;

import dev.deepfer.util.EnumNames;

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
        return EnumNames.lookup(Fer2013Split.class, name, Fer2013Split::csvName, "FER2013 split");
    }

    /** The CSV names, comma-separated, for error messages. */
    static String validNames() {
        return EnumNames.list(Fer2013Split.class, Fer2013Split::csvName);
    }
}
