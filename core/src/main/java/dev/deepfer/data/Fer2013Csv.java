package dev.deepfer.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads FER2013 in the original Kaggle layout: a header {@code emotion,pixels,Usage}, then one row
 * per face with the class index 0..6, 2,304 space-separated grey values (48x48, row-major) and the
 * split name. Plain and gzip-compressed files are both accepted (gzip is recognised by its magic
 * bytes, whatever the extension); CRLF line endings and blank lines are tolerated.
 *
 * <p>The parser is a hand-written byte scanner that writes pixels straight into growing byte
 * arrays: the full 35,887-row file decompresses and parses in a couple of seconds. Any bad row
 * fails the whole load with an {@link InvalidDataException} naming file, line and reason; nothing
 * half-loaded is ever returned.
 */
public final class Fer2013Csv {
    /** Side of a FER2013 image. */
    public static final int SIZE = 48;
    /** Pixels per row. */
    public static final int PIXELS = SIZE * SIZE;
    /** The header the Kaggle file starts with. */
    public static final String HEADER = "emotion,pixels,Usage";

    private static final int BUFFER = 1 << 20;
    private static final int MAX_TOKEN = 64;
    private static final byte[][] SPLIT_NAMES = new byte[Fer2013Split.values().length][];

    static {
        for (Fer2013Split s : Fer2013Split.values()) {
            SPLIT_NAMES[s.ordinal()] = s.csvName().getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final Path file;
    private final InputStream in;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private long line = 1;
    private final byte[] token = new byte[MAX_TOKEN];
    private int tokenLength;

    private Fer2013Csv(Path file, InputStream in) {
        this.file = file;
        this.in = in;
    }

    /** All three splits of the file, in {@link Fer2013Split} order; each must have rows. */
    public static Map<Fer2013Split, FaceDataset> load(Path csvOrGz) throws IOException {
        return load(csvOrGz, EnumSet.allOf(Fer2013Split.class));
    }

    /** One split of the file (the whole file is still validated); it must have rows. */
    public static FaceDataset load(Path csvOrGz, Fer2013Split split) throws IOException {
        return load(csvOrGz, EnumSet.of(split)).get(split);
    }

    private static Map<Fer2013Split, FaceDataset> load(Path path, Set<Fer2013Split> wanted) throws IOException {
        try (InputStream in = open(path)) {
            return new Fer2013Csv(path, in).read(wanted);
        }
    }

    private static InputStream open(Path path) throws IOException {
        BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        boolean gzip = b0 == 0x1f && b1 == 0x8b;
        if (!gzip) {
            return raw;
        }
        try {
            return new GZIPInputStream(raw, 1 << 16);
        } catch (IOException e) {
            raw.close();
            throw new InvalidDataException(path, 1, "starts like gzip but its header is damaged (" + e + ")", e);
        }
    }

    private Map<Fer2013Split, FaceDataset> read(Set<Fer2013Split> wanted) throws IOException {
        readHeader();
        GrowingBytes[] pixels = new GrowingBytes[SPLIT_NAMES.length];
        GrowingBytes[] labels = new GrowingBytes[SPLIT_NAMES.length];
        for (Fer2013Split s : wanted) {
            pixels[s.ordinal()] = new GrowingBytes(PIXELS * 1024);
            labels[s.ordinal()] = new GrowingBytes(1024);
        }
        byte[] row = new byte[PIXELS];
        int c;
        while ((c = next()) >= 0) {
            if (c == '\n' || (c == '\r' && (peek() == '\n' || peek() < 0))) {
                skipLineEnd(c);
                continue;
            }
            int label = readLabel(c);
            readPixels(row);
            int split = readUsage();
            if (pixels[split] != null) {
                pixels[split].add(row, 0, PIXELS);
                labels[split].add((byte) label);
            }
            line++;
        }
        Map<Fer2013Split, FaceDataset> out = new EnumMap<>(Fer2013Split.class);
        for (Fer2013Split s : wanted) {
            if (labels[s.ordinal()].size() == 0) {
                throw new InvalidDataException(file, -1, "split " + s.csvName() + " has no rows");
            }
            out.put(s, new FaceDataset(file.getFileName() + ":" + s.csvName(), SIZE,
                    pixels[s.ordinal()].toArray(), labels[s.ordinal()].toArray()));
        }
        return out;
    }

    private void readHeader() throws IOException {
        int c = readToken(next(), false);
        String header = new String(token, 0, tokenLength, StandardCharsets.UTF_8)
                .replace("\uFEFF", "").trim();
        if (c < 0 && header.isEmpty()) {
            fail("empty file: expected header '" + HEADER + "'");
        }
        if (!header.equalsIgnoreCase(HEADER)) {
            fail("expected header '" + HEADER + "', got '" + header
                    + (tokenLength == MAX_TOKEN ? "...'" : "'"));
        }
        line++;
    }

    /** Reads the emotion field starting with {@code c}; consumes the comma after it. */
    private int readLabel(int c) throws IOException {
        int end = readToken(c, true);
        String text = tokenText();
        if (end != ',') {
            failColumns(1, end);
        }
        int value = parseSmallInt(text);
        if (value < 0) {
            fail("emotion '" + text + "' is not a number");
        }
        if (value >= Emotion.COUNT) {
            fail("emotion " + value + " out of range 0.." + (Emotion.COUNT - 1));
        }
        return value;
    }

    /** Reads the pixels field into {@code row}; consumes the comma after it. */
    private void readPixels(byte[] row) throws IOException {
        int count = 0;
        int value = -1;
        int c;
        while (true) {
            c = next();
            int digit = c - '0';
            if (digit >= 0 && digit <= 9) {
                value = value < 0 ? digit : Math.min(value * 10 + digit, 1_000_000);
                continue;
            }
            boolean end = c == ',' || c == '\n' || c < 0;
            if (!end && c != ' ' && c != '\t' && c != '\r') {
                fail("pixel " + (count + 1) + " is not a number: unexpected '" + (char) c + "'");
            }
            if (value >= 0) {
                if (value > 255) {
                    fail("pixel " + (count + 1) + " value " + (value == 1_000_000 ? ">999999" : value)
                            + " out of range 0..255");
                }
                if (count < PIXELS) {
                    row[count] = (byte) value;
                }
                count++;
                value = -1;
            }
            if (end) {
                break;
            }
        }
        if (count != PIXELS) {
            fail("expected " + PIXELS + " pixels, got " + count);
        }
        if (c != ',') {
            failColumns(2, c);
        }
    }

    /** Reads the Usage field and the line end after it; returns the split ordinal. */
    private int readUsage() throws IOException {
        int end = readToken(next(), true);
        if (end == ',') {
            failColumns(3, end);
        }
        for (int s = 0; s < SPLIT_NAMES.length; s++) {
            if (tokenEquals(SPLIT_NAMES[s])) {
                return s;
            }
        }
        fail("unknown Usage '" + tokenText() + "'; valid: " + Fer2013Split.validNames());
        return -1;
    }

    /**
     * Copies bytes from {@code c} up to a comma or line end into {@link #token} (trimmed of
     * blanks and CR); returns the terminator: ',', '\n' or -1. A field ({@code stopAtComma}) longer
     * than {@link #MAX_TOKEN} bytes is an error: cut, it could read as a valid value ("3", many
     * blanks, "9"); a whole line (the header, only quoted back in messages) is cut at that length.
     */
    private int readToken(int c, boolean stopAtComma) throws IOException {
        tokenLength = 0;
        while (c >= 0 && c != '\n' && !(stopAtComma && c == ',')) {
            if (tokenLength < MAX_TOKEN) {
                token[tokenLength++] = (byte) c;
            } else if (stopAtComma) {
                fail("a field is longer than " + MAX_TOKEN + " bytes");
            }
            c = next();
        }
        while (tokenLength > 0 && (token[tokenLength - 1] == '\r' || token[tokenLength - 1] == ' ')) {
            tokenLength--;
        }
        int start = 0;
        while (start < tokenLength && token[start] == ' ') {
            start++;
        }
        if (start > 0) {
            System.arraycopy(token, start, token, 0, tokenLength - start);
            tokenLength -= start;
        }
        return c;
    }

    private boolean tokenEquals(byte[] expected) {
        return Arrays.equals(token, 0, tokenLength, expected, 0, expected.length);
    }

    private String tokenText() {
        return new String(token, 0, tokenLength, StandardCharsets.UTF_8);
    }

    private static int parseSmallInt(String text) {
        if (text.isEmpty() || text.length() > 6) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            int d = text.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    /** Counts the remaining columns of the current line and fails with the total. */
    private void failColumns(int seen, int c) throws IOException {
        int columns = seen;
        while (c >= 0 && c != '\n') {
            if (c == ',') {
                columns++;
            }
            c = next();
        }
        fail("expected 3 columns (" + HEADER + "), got " + columns);
    }

    private void skipLineEnd(int c) throws IOException {
        if (c == '\r') {
            next();
        }
        line++;
    }

    private void fail(String reason) {
        throw new InvalidDataException(file, line, reason);
    }

    private int peek() throws IOException {
        return pos < limit || fill() ? buf[pos] & 0xFF : -1;
    }

    private int next() throws IOException {
        return pos < limit || fill() ? buf[pos++] & 0xFF : -1;
    }

    private boolean fill() throws IOException {
        try {
            int n = in.readNBytes(buf, 0, buf.length);
            pos = 0;
            limit = n;
            return n > 0;
        } catch (EOFException | ZipException e) {
            throw new InvalidDataException(file, line, "corrupt gzip data: " + e.getMessage(), e);
        }
    }
}
