package dev.deepfer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class Fer2013CsvTest {
    @TempDir
    Path dir;

    /** Row {@code seed}'s pixels: a distinct pattern covering 0..255. */
    static int[] pixels(int seed) {
        return IntStream.range(0, Fer2013Csv.PIXELS).map(i -> (i * 7 + seed * 13) % 256).toArray();
    }

    static String pixelText(int[] values) {
        return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(" "));
    }

    static String row(int label, int seed, String usage) {
        return label + "," + pixelText(pixels(seed)) + "," + usage;
    }

    /** Two Training rows, one PublicTest, two PrivateTest (labels 3, 0, 6, 1, 5). */
    static List<String> validRows() {
        return List.of(row(3, 0, "Training"), row(0, 1, "Training"), row(6, 2, "PublicTest"),
                row(1, 3, "PrivateTest"), row(5, 4, "PrivateTest"));
    }

    enum Format { PLAIN, GZIP, GZIP_NAMED_CSV, CRLF_NO_FINAL_NEWLINE }

    Path write(String name, String text, boolean gzip) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
        }
        return file;
    }

    Path writeRows(String name, List<String> rows) throws IOException {
        return write(name, Fer2013Csv.HEADER + "\n" + String.join("\n", rows) + "\n", false);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void roundTripsPixelsLabelsAndSplits(Format format) throws IOException {
        String newline = format == Format.CRLF_NO_FINAL_NEWLINE ? "\r\n" : "\n";
        String text = Fer2013Csv.HEADER + newline + String.join(newline, validRows())
                + (format == Format.CRLF_NO_FINAL_NEWLINE ? "" : newline);
        String name = switch (format) {
            case GZIP -> "fer.csv.gz";
            case GZIP_NAMED_CSV -> "disguised.csv";
            default -> "fer.csv";
        };
        Path file = write(name, text, format == Format.GZIP || format == Format.GZIP_NAMED_CSV);

        Map<Fer2013Split, FaceDataset> splits = Fer2013Csv.load(file);

        FaceDataset training = splits.get(Fer2013Split.TRAINING);
        assertThat(splits).containsOnlyKeys(Fer2013Split.values());
        assertThat(training.source()).isEqualTo(name + ":Training");
        assertThat(training.imageSize()).isEqualTo(48);
        assertThat(labels(training)).containsExactly(3, 0);
        assertThat(labels(splits.get(Fer2013Split.PUBLIC_TEST))).containsExactly(6);
        assertThat(labels(splits.get(Fer2013Split.PRIVATE_TEST))).containsExactly(1, 5);
        assertThat(unsigned(training.image(1))).containsExactly(pixels(1));
        assertThat(unsigned(splits.get(Fer2013Split.PRIVATE_TEST).image(1))).containsExactly(pixels(4));
        assertThat(training.pixel(0, 1, 0)).isEqualTo(48 * 7 % 256);
    }

    @Test
    void loadsOneSplitAlone() throws IOException {
        FaceDataset publicTest = Fer2013Csv.load(writeRows("fer.csv", validRows()), Fer2013Split.PUBLIC_TEST);
        assertThat(publicTest.count()).isEqualTo(1);
        assertThat(publicTest.emotion(0)).isEqualTo(Emotion.NEUTRAL);
        assertThat(unsigned(publicTest.image(0))).containsExactly(pixels(2));
    }

    @Test
    void blankLinesAndSpacesBetweenPixelsAreTolerated() throws IOException {
        String spaced = "4, " + pixelText(pixels(9)).replace(" ", "  ") + " ,Training \n";
        Path file = write("spaced.csv", Fer2013Csv.HEADER + "\n\n" + spaced + "\r\n", false);
        FaceDataset training = Fer2013Csv.load(file, Fer2013Split.TRAINING);
        assertThat(labels(training)).containsExactly(4);
        assertThat(unsigned(training.image(0))).containsExactly(pixels(9));
    }

    static Stream<Arguments> badRows() {
        int[] p = pixels(0);
        String good = pixelText(p);
        return Stream.of(
                Arguments.of("2303 pixels", "3," + pixelText(Arrays.copyOf(p, 2303)) + ",Training",
                        "expected 2304 pixels, got 2303"),
                Arguments.of("2305 pixels", "3," + good + " 17,Training", "expected 2304 pixels, got 2305"),
                Arguments.of("letter in a pixel", "3,1 2 3 4 5a " + good + ",Training",
                        "pixel 5 is not a number: unexpected 'a'"),
                Arguments.of("negative pixel", "3,1 -2 " + good + ",Training", "pixel 2 is not a number: unexpected '-'"),
                Arguments.of("pixel 256", "3," + good.replaceFirst(" 42 ", " 256 ") + ",Training",
                        "pixel 7 value 256 out of range 0..255"),
                Arguments.of("label 7", "7," + good + ",Training", "emotion 7 out of range 0..6"),
                Arguments.of("label word", "happy," + good + ",Training", "emotion 'happy' is not a number"),
                Arguments.of("label -1", "-1," + good + ",Training", "emotion '-1' is not a number"),
                Arguments.of("empty label", "," + good + ",Training", "emotion '' is not a number"),
                Arguments.of("label padded past 64 bytes", "3" + " ".repeat(63) + "9," + good + ",Training",
                        "a field is longer than 64 bytes"),
                Arguments.of("unknown usage", "3," + good + ",Validation",
                        "unknown Usage 'Validation'; valid: Training, PublicTest, PrivateTest"),
                Arguments.of("four columns", "3," + good + ",Training,x",
                        "expected 3 columns (emotion,pixels,Usage), got 4"),
                Arguments.of("two columns", "3," + good, "expected 3 columns (emotion,pixels,Usage), got 2"),
                Arguments.of("one column", "3", "expected 3 columns (emotion,pixels,Usage), got 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRows")
    void badRowNamesFileLineAndReason(String what, String badRow, String reason) throws IOException {
        List<String> rows = new ArrayList<>(validRows());
        rows.add(2, badRow); // header is line 1, so the bad row is line 4
        Path file = writeRows("bad.csv", rows);

        assertThatThrownBy(() -> Fer2013Csv.load(file))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> {
                    assertThat(e.file()).isEqualTo("bad.csv");
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.reason()).isEqualTo(reason);
                })
                .hasMessage("bad.csv line 4: " + reason);
    }

    @Test
    void gzippedErrorsCountLinesToo() throws IOException {
        String text = Fer2013Csv.HEADER + "\r\n" + validRows().get(0) + "\r\n" + "9," + pixelText(pixels(0)) + ",Training\r\n";
        Path file = write("bad.csv.gz", text, true);
        assertThatThrownBy(() -> Fer2013Csv.load(file)).hasMessage("bad.csv.gz line 3: emotion 9 out of range 0..6");
    }

    @Test
    void missingHeaderIsReported() throws IOException {
        Path file = write("noheader.csv", String.join("\n", validRows()), false);
        assertThatThrownBy(() -> Fer2013Csv.load(file))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith("noheader.csv line 1: expected header 'emotion,pixels,Usage', got '3,0 7 14 ")
                .hasMessageEndingWith("...'");
    }

    @Test
    void wrongHeaderIsReported() throws IOException {
        Path file = write("h.csv", "emotion,pixels\n" + String.join("\n", validRows()), false);
        assertThatThrownBy(() -> Fer2013Csv.load(file))
                .hasMessage("h.csv line 1: expected header 'emotion,pixels,Usage', got 'emotion,pixels'");
    }

    @Test
    void emptyFileIsReported() throws IOException {
        Path file = write("empty.csv.gz", "", true);
        assertThatThrownBy(() -> Fer2013Csv.load(file))
                .hasMessage("empty.csv.gz line 1: empty file: expected header 'emotion,pixels,Usage'");
    }

    @Test
    void emptyRequestedSplitIsReported() throws IOException {
        Path file = writeRows("partial.csv", validRows().subList(0, 3));
        assertThat(Fer2013Csv.load(file, Fer2013Split.PUBLIC_TEST).count()).isEqualTo(1);
        assertThatThrownBy(() -> Fer2013Csv.load(file, Fer2013Split.PRIVATE_TEST))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> assertThat(e.line()).isEqualTo(-1))
                .hasMessage("partial.csv: split PrivateTest has no rows");
        assertThatThrownBy(() -> Fer2013Csv.load(file)).hasMessage("partial.csv: split PrivateTest has no rows");
    }

    /** Cut inside gzip's own 10-byte header: the stream cannot even start. */
    @Test
    void aDamagedGzipHeaderIsInvalidDataNamingTheFile() throws IOException {
        Path stub = Files.write(dir.resolve("stub.csv.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0});
        assertThatThrownBy(() -> Fer2013Csv.load(stub)).isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith("stub.csv.gz line 1: starts like gzip but its header is damaged");
    }

    @Test
    void truncatedGzipIsInvalidData() throws IOException {
        Path whole = write("whole.csv.gz", Fer2013Csv.HEADER + "\n" + String.join("\n", validRows()), true);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.csv.gz");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> Fer2013Csv.load(cut))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith("cut.csv.gz line ")
                .hasMessageContaining("corrupt gzip data");
    }

    static int[] labels(FaceDataset d) {
        return IntStream.range(0, d.count()).map(d::label).toArray();
    }

    static int[] unsigned(byte[] bytes) {
        return IntStream.range(0, bytes.length).map(i -> bytes[i] & 0xFF).toArray();
    }
}
