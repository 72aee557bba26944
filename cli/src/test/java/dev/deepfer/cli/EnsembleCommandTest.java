package dev.deepfer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnsembleCommandTest {
    @TempDir
    Path dir;

    /**
     * {@code --keep 2} of three members ranks all three pairs on PublicTest, and the written
     * ensemble holds exactly the pair ranked first, with the weights printed for it.
     */
    @Test
    void keepWritesThePairRankedFirstOnPublicTest() throws IOException {
        Path csv = MainTest.tinyCsv(dir);
        List<String> args = new ArrayList<>(List.of("ensemble", "--data", csv.toString(), "--keep", "2",
                "--out", dir.resolve("ens").toString()));
        for (String name : List.of("a", "b", "c")) {
            args.addAll(List.of("--member",
                    MainTest.tinyBundle(dir.resolve(name), name, name.charAt(0), null, null).toString()));
        }
        MainTest.Run r = MainTest.run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();

        Matcher rows = Pattern.compile("(?m)^\\| ([abc]) \\+ ([abc]) \\| \\[([0-9.]+), ([0-9.]+)\\] \\|").matcher(r.out());
        List<String[]> ranked = new ArrayList<>();
        while (rows.find()) {
            ranked.add(new String[] {rows.group(1), rows.group(2), rows.group(3), rows.group(4)});
        }
        assertThat(ranked).as(r.out()).hasSize(3);
        assertThat(ranked.stream().map(x -> x[0] + x[1])).containsExactlyInAnyOrder("ab", "ac", "bc");

        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("ens/ensemble.json").toFile());
        JsonNode members = manifest.get("members");
        assertThat(members).hasSize(2);
        String[] first = ranked.get(0);
        assertThat(members.get(0).get("dir").asText()).isEqualTo("members/" + first[0]);
        assertThat(members.get(1).get("dir").asText()).isEqualTo("members/" + first[1]);
        assertThat(members.get(0).get("weight").asDouble()).isCloseTo(Double.parseDouble(first[2]),
                org.assertj.core.api.Assertions.within(0.0005));
        assertThat(Files.exists(dir.resolve("ens/members/" + "abc".replace(first[0], "").replace(first[1], ""))))
                .as("the member left out is not copied").isFalse();
    }

    /**
     * Members that normalise their input differently are refused before anything is measured or
     * written: the temperature and the PrivateTest rows feed every member the first one's normalisation.
     */
    @Test
    void membersWithAnotherNormalisationAreRefusedBeforeAnyNumber() throws IOException {
        Path csv = MainTest.tinyCsv(dir);
        Path a = MainTest.tinyBundle(dir.resolve("a"), "a", 1, null, null);
        Path b = MainTest.tinyBundle(dir.resolve("b"), "b", 2, null, null);
        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode manifest =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(b.resolve("manifest.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) manifest.get("normalization")).put("mean", 0.5);
        json.writeValue(b.resolve("manifest.json").toFile(), manifest);

        MainTest.Run r = MainTest.run("ensemble", "--data", csv.toString(), "--member", a.toString(),
                "--member", b.toString(), "--out", dir.resolve("ens").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(b.toString(), "must share one normalisation");
        assertThat(r.out()).doesNotContain("PrivateTest");
        assertThat(dir.resolve("ens")).doesNotExist();
    }

    /** A member's own calibration temperature was fitted on all of PublicTest: the cross-fitted line says so. */
    @Test
    void crossFittingNamesMembersWhoseTemperatureSawTheHeldOutHalf() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(MainTest.tinyCsv(dir)));
        lines.add(lines.get(2)); // a second PublicTest face, so the split can be cut in two
        Path csv = Files.write(dir.resolve("two-public.csv"), lines);
        Path a = MainTest.tinyBundle(dir.resolve("a"), "a", 1, null, null);
        Path b = MainTest.tinyBundle(dir.resolve("b"), "b", 2, null, null);
        String[] args = {"ensemble", "--data", csv.toString(), "--member", a.toString(), "--member", b.toString(),
            "--out", dir.resolve("ens").toString()};
        MainTest.Run plain = MainTest.run(args);
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(plain.out()).contains("cross-fitted").doesNotContain("calibration temperature");

        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode manifest =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(b.resolve("manifest.json").toFile());
        manifest.put("temperature", 1.5);
        json.writeValue(b.resolve("manifest.json").toFile(), manifest);
        MainTest.Run r = MainTest.run(args);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("(b divide their logits by a calibration temperature fitted on PublicTest");
    }

    @Test
    void keepingMoreMembersThanGivenKeepsThemAll() throws IOException {
        Path csv = MainTest.tinyCsv(dir);
        MainTest.Run r = MainTest.run("ensemble", "--data", csv.toString(), "--keep", "5",
                "--member", MainTest.tinyBundle(dir.resolve("a"), "a", 1, null, null).toString(),
                "--member", MainTest.tinyBundle(dir.resolve("b"), "b", 2, null, null).toString(),
                "--out", dir.resolve("ens").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("Member subsets");
        // the tiny CSV has one PublicTest face: too few to cross-fit, so that line is left out (not an error)
        assertThat(r.out()).doesNotContain("cross-fitted");
        assertThat(new ObjectMapper().readTree(dir.resolve("ens/ensemble.json").toFile()).get("members")).hasSize(2);
    }
}
