package dev.deepfer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deepfer.eval.corrupt.Corruption;
import dev.deepfer.eval.corrupt.CorruptionAugmentation;
import dev.deepfer.model.Architecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainRecipeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DEFAULT_MEMBERS = Path.of("..", "models", "default", "members");

    @TempDir
    Path dir;

    private static TrainConfig recipe() {
        TrainConfig.Builder b = TrainConfig.defaults(Architecture.MULTISCALE_CNN_CBAM, "/data/fer2013.csv").toBuilder();
        b.epochs = 17;
        b.seed = 31;
        b.loss = LossConfig.crossEntropy();
        b.corruptionAugmentation = new CorruptionAugmentation(0.25, 3, List.of(Corruption.JPEG));
        b.distillation = new Distillation("/teachers/v7", 0.7f, 2f);
        return b.build();
    }

    @Test
    void readsARunDirectoryAndItsConfigFile() throws IOException {
        Files.writeString(dir.resolve("config.json"), recipe().toJson());
        assertThat(TrainRecipe.read(dir)).isEqualTo(recipe());
        assertThat(TrainRecipe.read(dir.resolve("config.json"))).isEqualTo(recipe());
    }

    @Test
    void readsTheTrainingRecordOfAMemberBundleWithoutItsHistoryOrAveraging() throws IOException {
        ObjectNode training = (ObjectNode) JSON.readTree(recipe().toJson());
        training.putArray("history").addObject().put("epoch", 1).put("val_accuracy", 0.4);
        training.putObject(WeightAveraging.RECORD_FIELD).put("batch_norm_images", 12800).putArray("sources")
                .add("epoch-23.params").add("epoch-24.params");
        ObjectNode manifest = JSON.createObjectNode().put("name", "m").put("weights", "weights.ndlist")
                .put("sha256", "00");
        manifest.set("training", training);
        Path member = Files.createDirectories(dir.resolve("member"));
        Files.writeString(member.resolve("manifest.json"), manifest.toString());
        assertThat(TrainRecipe.read(member)).isEqualTo(recipe());
        assertThat(TrainRecipe.read(member.resolve("manifest.json"))).isEqualTo(recipe());
    }

    @Test
    void refusesAnEnsembleABundleWithoutRecordAndAnEmptyDirectory() throws IOException {
        Path ensemble = Files.createDirectories(dir.resolve("ens"));
        Files.writeString(ensemble.resolve("ensemble.json"), "{\"fusion\": \"MEAN_PROBABILITIES\", \"members\": "
                + "[{\"dir\": \"members/a\", \"weight\": 0.5}, {\"dir\": \"/elsewhere/b\", \"weight\": 0.5}]}");
        for (Path given : List.of(ensemble, ensemble.resolve("ensemble.json"))) {
            assertThatThrownBy(() -> TrainRecipe.read(given)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is an ensemble")
                    .hasMessageContaining(ensemble.resolve("members/a").toString()).hasMessageContaining("/elsewhere/b");
        }
        assertThatThrownBy(() -> TrainRecipe.read(dir.resolve("typo"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("typo does not exist");

        Path bare = Files.createDirectories(dir.resolve("bare"));
        Files.writeString(bare.resolve("manifest.json"), "{\"name\": \"b\", \"sha256\": \"00\"}");
        assertThatThrownBy(() -> TrainRecipe.read(bare)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a training record");

        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> TrainRecipe.read(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither a member bundle nor a training run");
    }

    @Test
    void refusesAConfigThatBreaksTheConfigRulesNamingTheFile() throws IOException {
        ObjectNode bad = (ObjectNode) JSON.readTree(recipe().toJson());
        bad.put("batchSize", 1);
        Path file = Files.writeString(dir.resolve("config.json"), bad.toString());
        assertThatThrownBy(() -> TrainRecipe.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("batch size");
        Path array = Files.writeString(dir.resolve("array.json"), "[1, 2]");
        assertThatThrownBy(() -> TrainRecipe.read(array)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a JSON object");
    }

    /** The bundled members' recipes say what their manifests were made from (known answers). */
    @Test
    void theDefaultBundlesMembersCarryTheirRecipes() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(DEFAULT_MEMBERS), "no default bundle in ../models/default: skipping");
        TrainConfig long48 = TrainRecipe.read(DEFAULT_MEMBERS.resolve("multiscale-cnn-cbam-48"));
        assertThat(long48.architecture()).isEqualTo(Architecture.MULTISCALE_CNN_CBAM);
        assertThat(long48.epochs()).isEqualTo(48);
        assertThat(long48.inputSize()).isEqualTo(44);
        TrainConfig robust = TrainRecipe.read(DEFAULT_MEMBERS.resolve("multiscale-cnn-cbam-ca-s23"));
        assertThat(robust.seed()).isEqualTo(23);
        assertThat(robust.epochs()).isEqualTo(24);
        assertThat(robust.corruptionAugmentation().probability()).isEqualTo(0.25);
        assertThat(robust.corruptionAugmentation().corruptions()).hasSize(7).contains(Corruption.OCCLUSION_PATCH);
        TrainConfig ce = TrainRecipe.read(DEFAULT_MEMBERS.resolve("multiscale-cnn-cbam-ce-s11"));
        assertThat(ce.seed()).isEqualTo(11);
        assertThat(ce.loss()).isEqualTo(LossConfig.crossEntropy());
        assertThat(ce.corruptionAugmentation()).isNull();
    }
}
