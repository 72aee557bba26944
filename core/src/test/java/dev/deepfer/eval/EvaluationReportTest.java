package dev.deepfer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationReportTest {

    private final EvaluationReport report =
            EvaluationReport.of("resnet50-cbam", "fer2013", "PrivateTest", MetricsTest.handMatrix());

    @Test
    void jsonUsesSnakeCaseKeysAndEmotionLabels() throws Exception {
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        List<String> keys = StreamSupport.stream(
                ((Iterable<String>) json::fieldNames).spliterator(), false).toList();
        assertThat(keys).containsExactly("model", "data", "split", "n", "accuracy", "macro_f1",
                "weighted_f1", "per_class", "confusion");
        assertThat(json.get("n").asInt()).isEqualTo(15);
        assertThat(json.get("accuracy").asDouble()).isEqualTo(2.0 / 3);
        JsonNode angry = json.get("per_class").get("angry");
        assertThat(angry.get("precision").asDouble()).isEqualTo(0.6);
        assertThat(angry.get("support").asInt()).isEqualTo(4);
        assertThat(json.get("per_class").size()).isEqualTo(7);
        assertThat(json.get("confusion").get(1).get(0).asInt()).isEqualTo(2);
    }

    @Test
    void roundTripsThroughJsonAndFile(@TempDir Path dir) throws Exception {
        assertThat(EvaluationReport.fromJson(report.toJson())).isEqualTo(report);
        Path file = dir.resolve("eval/report.json");
        report.write(file);
        EvaluationReport back = EvaluationReport.read(file);
        assertThat(back).isEqualTo(report);
        assertThat(back.confusionMatrix().toArray()).isEqualTo(MetricsTest.handMatrix().toArray());
    }

    @Test
    void tableReadsLikeAPaperRow() {
        String table = report.toTable();
        assertThat(table).contains("model: resnet50-cbam | data: fer2013 | split: PrivateTest | n = 15");
        assertThat(table).containsPattern("Accuracy\\s+66\\.67");
        assertThat(table).containsPattern("Macro-F1\\s+47\\.22");
        assertThat(table).containsPattern("Weighted-F1\\s+64\\.44");
        assertThat(table).containsPattern("angry\\s+60\\.00\\s+75\\.00\\s+66\\.67\\s+4");
    }

    @Test
    void rejectsInconsistentReports() {
        String json = report.toJson();
        assertThatThrownBy(() -> EvaluationReport.fromJson(json.replace("\"n\" : 15", "\"n\" : 16")))
                .hasMessageContaining("n = 16 but the confusion matrix holds 15");
        assertThatThrownBy(() -> EvaluationReport.fromJson(json.replace("\"angry\"", "\"angrry\"")))
                .hasMessageContaining("unknown emotion 'angrry'");
        assertThatThrownBy(() -> EvaluationReport.of("m", "d", "s", new ConfusionMatrix(3)))
                .hasMessageContaining("7-class");
    }
}
