package dev.deepfer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deepfer.data.AugmentationConfig;
import dev.deepfer.eval.corrupt.Corruption;
import dev.deepfer.eval.corrupt.CorruptionAugmentation;
import dev.deepfer.model.Architecture;
import dev.deepfer.model.Stem;
import dev.deepfer.nn.CbamPlacement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TrainConfig defaults() {
        return TrainConfig.defaults(Architecture.RESNET50_CBAM, "x.csv");
    }

    private static TrainConfig modified(Consumer<TrainConfig.Builder> change) {
        TrainConfig.Builder b = defaults().toBuilder();
        change.accept(b);
        return b.build();
    }

    /** Every field away from its default, including class weights and a path needing escapes. */
    private static TrainConfig everythingChanged() {
        return modified(b -> {
            b.architecture = Architecture.EFFICIENTNET_B0;
            b.cbam = CbamPlacement.STAGE;
            b.stem = Stem.SMALL;
            b.inputSize = 48;
            b.batchSize = 32;
            b.epochs = 12;
            b.optimizer = OptimizerKind.SGD_NESTEROV;
            b.learningRate = 0.05f;
            b.weightDecay = 1e-4f;
            b.momentum = 0.8f;
            b.schedule = ScheduleKind.PLATEAU;
            b.warmupEpochs = 0.5f;
            b.loss = LossConfig.focalPlusSmoothing(1.5f, 0.05f)
                    .withClassWeights(new float[] {1f, 2f, 0.5f, 1f, 1f, 1.25f, 0.75f});
            b.augmentation = AugmentationConfig.strong();
            b.dropout = 0.1f;
            b.seed = -7L;
            b.patience = 4;
            b.selection = SelectionMetric.MACRO_F1;
            b.maxTrainImages = 1000;
            b.data = "dir with \"quotes\"/fer2013.csv.gz";
            b.corruptionAugmentation = new CorruptionAugmentation(0.5, 3,
                    java.util.List.of(Corruption.JPEG, Corruption.DEFOCUS_BLUR));
            b.distillation = new Distillation("/models/teacher", 0.7f, 3f);
        });
    }

    @Test
    void defaultsSurviveJson() throws IOException {
        TrainConfig config = defaults();
        assertThat(TrainConfig.fromJson(config.toJson())).isEqualTo(config);
    }

    @Test
    void modifiedCopySurvivesJsonAndAFile(@TempDir Path dir) throws IOException {
        TrainConfig config = everythingChanged();
        assertThat(config).isNotEqualTo(defaults());
        assertThat(config.augmentation().outputSize()).as("builder adapts the crop").isEqualTo(48);
        assertThat(TrainConfig.fromJson(config.toJson())).isEqualTo(config);

        Path file = dir.resolve("config.json");
        Files.writeString(file, config.toJson());
        assertThat(TrainConfig.read(file)).isEqualTo(config);
    }

    @Test
    void enumsAreWrittenByName() throws IOException {
        JsonNode json = JSON.readTree(everythingChanged().toJson());
        assertThat(JSON.readTree(defaults().toJson()).get("architecture").asText()).isEqualTo("resnet50-cbam");
        assertThat(json.get("architecture").asText()).isEqualTo("efficientnet-b0");
        assertThat(json.get("optimizer").asText()).isEqualTo("SGD_NESTEROV");
        assertThat(json.get("loss").get("classWeights")).hasSize(7);
    }

    @Test
    void defaultsFollowTheArchitecture() {
        assertThat(defaults().cbam()).isEqualTo(CbamPlacement.BLOCK);
        assertThat(TrainConfig.defaults(Architecture.RESNET50, "x.csv").cbam()).isEqualTo(CbamPlacement.NONE);
        assertThat(defaults().networkOptions().dropout()).isEqualTo(defaults().dropout());
    }

    @Test
    void batchOfOneIsRefused() {
        assertThatThrownBy(() -> modified(b -> b.batchSize = 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch size").hasMessageContaining("1");
    }

    @Test
    void warmupLongerThanTheRunIsRefused() {
        assertThatThrownBy(() -> modified(b -> b.warmupEpochs = 31)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("warm-up").hasMessageContaining("31");
    }

    @Test
    void augmentationOfAnotherSizeIsRefused() {
        TrainConfig d = defaults();
        assertThatThrownBy(() -> new TrainConfig(d.architecture(), d.cbam(), d.stem(), 44, d.batchSize(), d.epochs(),
                d.optimizer(), d.learningRate(), d.weightDecay(), d.momentum(), d.schedule(), d.warmupEpochs(),
                d.loss(), d.augmentation().withOutputSize(40), d.dropout(), d.seed(), d.patience(), d.selection(),
                d.maxTrainImages(), d.data(), d.corruptionAugmentation(), d.gradClipNorm(), d.distillation()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("augmentation output size 40").hasMessageContaining("input size 44");
    }

    @Test
    void otherInvalidFieldsNameThemselves() {
        assertThatThrownBy(() -> modified(b -> b.inputSize = 8)).hasMessageContaining("input size");
        assertThatThrownBy(() -> modified(b -> {
            b.inputSize = 45;
            b.augmentation = b.augmentation.withOutputSize(45);
        })).hasMessageContaining("by an even number (centred crops), got 45");
        assertThatThrownBy(() -> modified(b -> b.epochs = 0)).hasMessageContaining("epochs");
        assertThatThrownBy(() -> modified(b -> b.gradClipNorm = -1)).hasMessageContaining("clipping");
        assertThatThrownBy(() -> modified(b -> b.gradClipNorm = Float.NaN)).hasMessageContaining("clipping");
        assertThatThrownBy(() -> modified(b -> b.learningRate = 0)).hasMessageContaining("learning rate");
        assertThatThrownBy(() -> modified(b -> b.weightDecay = -1)).hasMessageContaining("weight decay");
        assertThatThrownBy(() -> modified(b -> b.patience = -1)).hasMessageContaining("patience");
        assertThatThrownBy(() -> modified(b -> b.maxTrainImages = -1)).hasMessageContaining("max train images");
        assertThatThrownBy(() -> modified(b -> b.optimizer = null)).hasMessageContaining("optimizer");
    }

    /** A config.json written before corruption augmentation existed still reads, with the lever off. */
    @Test
    void configWithoutCorruptionAugmentationReadsAsOff() throws IOException {
        ObjectNode json = (ObjectNode) JSON.readTree(everythingChanged().toJson());
        assertThat(json.get("corruptionAugmentation").get("corruptions").get(0).asText()).isEqualTo("JPEG");
        json.remove("corruptionAugmentation");
        TrainConfig old = TrainConfig.fromJson(json.toString());
        assertThat(old.corruptionAugmentation()).isNull();
        assertThat(old.augmentation()).isEqualTo(everythingChanged().augmentation());
    }

    /** A config.json written before gradient clipping existed still reads, with clipping off. */
    @Test
    void configWithoutGradientClippingReadsAsOff() throws IOException {
        TrainConfig clipped = modified(b -> b.gradClipNorm = 5f);
        ObjectNode json = (ObjectNode) JSON.readTree(clipped.toJson());
        assertThat(json.get("gradClipNorm").floatValue()).isEqualTo(5f);
        assertThat(TrainConfig.fromJson(json.toString())).isEqualTo(clipped);
        json.remove("gradClipNorm");
        assertThat(TrainConfig.fromJson(json.toString()).gradClipNorm()).isZero();
    }

    /** A config.json written before distillation existed still reads, without a teacher. */
    @Test
    void configWithoutDistillationReadsAsNone() throws IOException {
        ObjectNode json = (ObjectNode) JSON.readTree(everythingChanged().toJson());
        assertThat(json.get("distillation").get("teacher").asText()).isEqualTo("/models/teacher");
        assertThat(json.get("distillation").get("temperature").floatValue()).isEqualTo(3f);
        json.remove("distillation");
        assertThat(TrainConfig.fromJson(json.toString()).distillation()).isNull();
    }

    @Test
    void distillationOutOfRangeIsRefused() {
        assertThatThrownBy(() -> new Distillation("t", 0f, 2f)).hasMessageContaining("weight").hasMessageContaining("0.0");
        assertThatThrownBy(() -> new Distillation("t", 1.5f, 2f)).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> new Distillation("t", 0.5f, 0f)).hasMessageContaining("temperature");
        assertThatThrownBy(() -> new Distillation(" ", 0.5f, 2f)).hasMessageContaining("teacher");
    }

    @Test
    void invalidJsonFailsWithTheReason() throws IOException {
        ObjectNode json = (ObjectNode) JSON.readTree(defaults().toJson());
        json.put("batchSize", 1);
        assertThatThrownBy(() -> TrainConfig.fromJson(json.toString())).isInstanceOf(IOException.class)
                .hasMessageContaining("batch size");

        json.put("batchSize", 64).put("architecture", "vgg16");
        assertThatThrownBy(() -> TrainConfig.fromJson(json.toString())).isInstanceOf(IOException.class)
                .hasMessageContaining("vgg16").hasMessageContaining("resnet50-cbam");
    }
}
