package dev.deepfer.infer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.deepfer.model.Fusion;

import java.util.List;

/**
 * An ensemble bundle's {@code ensemble.json}: the member bundles (sub-directories), how they are
 * fused, the fitted weights and temperature, metrics and provenance.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnsembleManifest(
        int format,
        String name,
        Fusion fusion,
        List<Member> members,
        double temperature,
        String fittedOn,
        JsonNode metrics,
        String command,
        String codeVersion,
        String created) {

    /** The {@code format} this version writes and reads. */
    public static final int FORMAT = 1;

    /** A member: its directory relative to the ensemble, and its fusion weight. */
    public record Member(String dir, double weight) {
    }

    public EnsembleManifest withMetrics(JsonNode m) {
        return new EnsembleManifest(format, name, fusion, members, temperature, fittedOn, m, command, codeVersion,
                created);
    }

    public EnsembleManifest withTemperature(double t) {
        return new EnsembleManifest(format, name, fusion, members, t, fittedOn, metrics, command, codeVersion,
                created);
    }
}
