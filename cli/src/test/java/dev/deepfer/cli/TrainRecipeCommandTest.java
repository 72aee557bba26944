package dev.deepfer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deepfer.model.Architecture;
import dev.deepfer.train.Distillation;
import dev.deepfer.train.LossConfig;
import dev.deepfer.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deepfer train --recipe}: retraining a member or a run from its recorded configuration. */
class TrainRecipeCommandTest {
    @TempDir
    Path dir;

    private static final Path DEFAULT_BUNDLE = Path.of("..", "models", "default");

    private Path recipeRun(Distillation distillation) throws IOException {
        return recipeRun(dir, distillation);
    }

    /**
     * A run directory {@code dir/recipe} holding only the config of a 5-epoch cross-entropy
     * multi-scale run (batch 16, no warm-up, seed 9) on another machine's data.
     */
    static Path recipeRun(Path dir, Distillation distillation) throws IOException {
        TrainConfig.Builder b = TrainConfig.defaults(Architecture.MULTISCALE_CNN, "/elsewhere/fer2013.csv").toBuilder();
        b.epochs = 5;
        b.batchSize = 16;
        b.warmupEpochs = 0;
        b.seed = 9;
        b.loss = LossConfig.crossEntropy();
        b.dropout = 0.2f;
        b.distillation = distillation;
        Path run = Files.createDirectories(dir.resolve("recipe"));
        Files.writeString(run.resolve("config.json"), b.build().toJson());
        return run;
    }

    @Test
    void trainsTheRecipeWithTheOptionsGivenAndThisMachinesData() throws IOException {
        Path csv = MainTest.sixteenFaceCsv(dir);
        Path source = recipeRun(null);
        Path out = dir.resolve("again");
        MainTest.Run r = MainTest.run("train", "--recipe", source.toString(), "--data", csv.toString(),
                "--out", out.toString(), "--epochs", "1", "--seed", "4");
        assertThat(r.code()).as(r.err()).isZero();

        TrainConfig.Builder expected = TrainConfig.read(source.resolve("config.json")).toBuilder();
        expected.epochs = 1;
        expected.seed = 4;
        expected.data = csv.toString();
        assertThat(TrainConfig.read(out.resolve("config.json"))).isEqualTo(expected.build());
        assertThat(Files.readAllLines(out.resolve("metrics.jsonl"))).filteredOn(l -> l.contains("\"epoch\"")).hasSize(1);
    }

    /** A member bundle's training record is the recipe; --loss switches a cross-entropy recipe to the mix. */
    @Test
    void aMemberBundlesRecipeWithItsLossSwitched() throws IOException {
        Path csv = MainTest.sixteenFaceCsv(dir);
        TrainConfig recipe = TrainConfig.read(recipeRun(null).resolve("config.json"));
        com.fasterxml.jackson.databind.node.ObjectNode training = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(recipe.toJson());
        training.putArray("history").addObject().put("epoch", 1);
        Path member = MainTest.tinyBundle(dir.resolve("member"), null, training);
        Path out = dir.resolve("focal");
        MainTest.Run r = MainTest.run("train", "--recipe", member.toString(), "--data", csv.toString(),
                "--out", out.toString(), "--epochs", "1", "--loss", "focal+smoothing", "--smoothing", "0.2");
        assertThat(r.code()).as(r.err()).isZero();
        TrainConfig.Builder expected = recipe.toBuilder();
        expected.epochs = 1;
        expected.loss = LossConfig.focalPlusSmoothing(2f, 0.2f);
        expected.data = csv.toString();
        assertThat(TrainConfig.read(out.resolve("config.json"))).isEqualTo(expected.build());
    }

    @Test
    void aRecipeValueThatNoLongerFitsIsNamedAsTheRecipes() throws IOException {
        Path out = dir.resolve("x");
        TrainConfig.Builder b = TrainConfig.read(recipeRun(null).resolve("config.json")).toBuilder();
        b.warmupEpochs = 2;
        Files.writeString(dir.resolve("recipe").resolve("config.json"), b.build().toJson());
        MainTest.Run r = MainTest.run("train", "--recipe", dir.resolve("recipe").toString(), "--data",
                MainTest.tinyCsv(dir).toString(), "--out", out.toString(), "--epochs", "1");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("warm-up must be 0 or shorter than the 1 epoch(s), got 2.0").contains("are the recipe's");
        assertThat(out).doesNotExist();
    }

    @Test
    void refusesArchWithRecipeOrNeither() throws IOException {
        Path csv = MainTest.tinyCsv(dir);
        Path out = dir.resolve("x");
        MainTest.Run both = MainTest.run("train", "--recipe", recipeRun(null).toString(), "--arch", "resnet50",
                "--data", csv.toString(), "--out", out.toString());
        assertThat(both.code()).isNotZero();
        assertThat(both.err()).contains("not both");
        MainTest.Run neither = MainTest.run("train", "--data", csv.toString(), "--out", out.toString());
        assertThat(neither.code()).isNotZero();
        assertThat(neither.err()).contains("give --arch or --recipe");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(DEFAULT_BUNDLE), "no default bundle: skipping the rest");
        MainTest.Run ensemble = MainTest.run("train", "--recipe", DEFAULT_BUNDLE.toString(),
                "--data", csv.toString(), "--out", out.toString());
        assertThat(ensemble.code()).isNotZero();
        assertThat(ensemble.err()).contains("is an ensemble");
        assertThat(out).doesNotExist();
    }

    @Test
    void aRecipesTeacherMustStillBeABundleHereOrBeReplaced() throws IOException {
        Path csv = MainTest.sixteenFaceCsv(dir);
        Path source = recipeRun(new Distillation(dir.resolve("gone").toString(), 0.7f, 3f));
        Path refused = dir.resolve("refused");
        MainTest.Run bad = MainTest.run("train", "--recipe", source.toString(), "--data", csv.toString(),
                "--out", refused.toString());
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("recipe distils from").contains("gone").contains("give --teacher");
        assertThat(refused).doesNotExist();

        Path plain = dir.resolve("plain");
        MainTest.Run off = MainTest.run("train", "--recipe", source.toString(), "--data", csv.toString(),
                "--out", plain.toString(), "--epochs", "1", "--no-teacher");
        assertThat(off.code()).as(off.err()).isZero();
        assertThat(TrainConfig.read(plain.resolve("config.json")).distillation()).isNull();

        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(DEFAULT_BUNDLE), "no default bundle: skipping the rest");
        Path out = dir.resolve("student");
        Path teacher = DEFAULT_BUNDLE;
        MainTest.Run r = MainTest.run("train", "--recipe", source.toString(), "--data", csv.toString(),
                "--out", out.toString(), "--epochs", "1", "--teacher", teacher.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(TrainConfig.read(out.resolve("config.json")).distillation()).as("the recipe's weight and temperature")
                .isEqualTo(new Distillation(teacher.toAbsolutePath().normalize().toString(), 0.7f, 3f));
    }

    @Test
    void distillationSettingsWithoutATeacherAreRefused() throws IOException {
        Path out = dir.resolve("x");
        MainTest.Run r = MainTest.run("train", "--arch", "multiscale-cnn", "--data", MainTest.tinyCsv(dir).toString(),
                "--out", out.toString(), "--distill-weight", "0.9");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("need --teacher");
        assertThat(out).doesNotExist();
    }
}
