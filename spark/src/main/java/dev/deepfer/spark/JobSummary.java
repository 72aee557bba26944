package dev.deepfer.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;

/**
 * What a job did: images read and failed, faces found, images without a face, the first failures
 * (path and reason), the model and the time the recognition and writing took. Counts come from
 * Spark accumulators: exact unless a task was retried (then the output table is the truth).
 *
 * @param images images looked at (read or failed)
 * @param failed images that could not be read (one error row each)
 * @param faces faces found (one row each)
 * @param faceless images read without a face (one row each)
 * @param failures the first failures' messages, at most {@link JobCounters#FAILURES_SHOWN} per partition
 * @param model the bundle's name
 * @param fingerprint the bundle's fingerprint
 * @param seconds wall time of reading, recognising and writing
 */
public record JobSummary(long images, long failed, long faces, long faceless, List<String> failures, String model,
        String fingerprint, double seconds) {

    public JobSummary {
        failures = List.copyOf(failures);
    }

    /** Images per second over the whole job. */
    public double imagesPerSecond() {
        return seconds > 0 ? images / seconds : 0;
    }

    /** One line for people, in the style of {@code deepfer predict}'s summary. */
    public String describe() {
        return String.format(Locale.ROOT, "%d image(s) read, %d failed; %d face(s), %d image(s) without a face; "
                + "model %s; %.1f s (%.1f images/s)", images - failed, failed, faces, faceless, model, seconds,
                imagesPerSecond());
    }

    /** The summary as one JSON object (for scripts and benchmarks). */
    public ObjectNode toJson() {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("images", images).put("failed", failed).put("faces", faces).put("faceless", faceless)
                .put("model", model).put("model_sha256", fingerprint).put("seconds", seconds)
                .put("images_per_second", imagesPerSecond());
        failures.forEach(o.putArray("failures")::add);
        return o;
    }
}
