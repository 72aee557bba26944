package dev.deepfer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PublicManifestTest {
    @Test
    void pathsAreCutToTheirLastSegmentAndEverythingElseIsKept() throws Exception {
        JsonNode manifest = new ObjectMapper().readTree("""
                {"architecture": "resnet50-cbam", "sha256": "ab12", "labels": ["angry", "happy"],
                 "metrics": {"PrivateTest": {"data": "/home/ann/data/fer2013.csv.gz", "accuracy": 0.61}},
                 "members": [{"dir": "members/a", "weight": 0.5}],
                 "command": "deepfer train --out /work/runs/x/ --data=../shared/f.csv --lr 0.002 C:\\\\d\\\\e.csv"}
                """);

        JsonNode shown = PublicManifest.of(manifest);

        assertThat(shown.at("/metrics/PrivateTest/data").asText()).isEqualTo("fer2013.csv.gz");
        assertThat(shown.at("/metrics/PrivateTest/accuracy").asDouble()).isEqualTo(0.61);
        assertThat(shown.path("command").asText()).isEqualTo("deepfer train --out x --data=f.csv --lr 0.002 e.csv");
        assertThat(shown.at("/members/0/dir").asText()).as("paths inside the bundle are kept").isEqualTo("members/a");
        assertThat(shown.path("labels").toString()).isEqualTo("[\"angry\",\"happy\"]");
        assertThat(manifest.at("/metrics/PrivateTest/data").asText()).as("the original is untouched")
                .startsWith("/home/ann");
    }
}
