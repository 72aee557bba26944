package dev.deepfer.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deepfer.data.Emotion;
import dev.deepfer.data.ImageDecodeException;
import dev.deepfer.data.ImageDecoder;
import dev.deepfer.face.DetectorOptions;
import dev.deepfer.face.FaceAligner;
import dev.deepfer.face.HaarFaceDetector;
import dev.deepfer.infer.EmotionRecognizer;
import dev.deepfer.infer.Models;
import dev.deepfer.infer.RecognitionResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the server needs from the library: recognise an upload, explain it, describe the model. An
 * interface so tests can slow it down or count calls; {@link #of(EmotionRecognizer)} is the real
 * one. Implementations are called from several worker threads at once; {@link #close()} frees what
 * the adapter itself made (never the model it was given).
 */
public interface Recognizer extends AutoCloseable {

    /** Overlays in explanations are enlarged this many times (176 px for 44 px crops). */
    int OVERLAY_SCALE = 4;

    /** How thoroughly to look for faces. */
    enum Mode {
        /** The detector's defaults: small faces in group photos. */
        PHOTO,
        /** {@link DetectorOptions#live()}: webcam frames, one near face, several times faster. */
        LIVE;

        /** The {@code mode} query parameter's value; absent means {@link #PHOTO}. */
        static Mode parse(String value) {
            if (value == null || value.isBlank()) {
                return PHOTO;
            }
            for (Mode m : values()) {
                if (m.name().equalsIgnoreCase(value.trim())) {
                    return m;
                }
            }
            throw new ApiError(400, "bad_mode", "mode must be photo or live, got '"
                    + value.substring(0, Math.min(value.length(), 20)).toLowerCase(Locale.ROOT) + "'");
        }
    }

    RecognitionResult recognize(byte[] encoded, String name, Mode mode) throws ImageDecodeException;

    /**
     * Explains an upload's faces: {@code {"image", "width", "height", "faces_detected", "method", "layer", "faces":
     * [{"index", "box", "emotion", "confidence", "target", "probabilities", "members_agree", "face",
     * "overlay", "members": […]}], "timing_ms": {"members", "model"}}} (see
     * {@link dev.deepfer.explain.ExplanationJson}).
     *
     * @param target the emotion to explain; empty for each face's predicted one
     * @param face   only this face (0-based, in the order recognition lists them); empty for the first
     *               few ({@code faces_detected} says how many there were; the real server explains at most 4)
     * @param maps   whether to include the ensemble map's values
     */
    default ObjectNode explain(byte[] encoded, String name, Optional<Emotion> target, OptionalInt face, boolean maps)
            throws ImageDecodeException {
        throw new ApiError(501, "not_implemented", "this server cannot explain");
    }

    /** The model bundle's manifest. */
    JsonNode manifest();

    @Override
    default void close() {
    }

    /** The real recogniser and explainer, plus a detector with {@link DetectorOptions#live()} for live frames. */
    static Recognizer of(EmotionRecognizer recognizer) {
        return new LibraryRecognizer(recognizer);
    }

    /**
     * Loads the bundle in {@code dir} with a decoder limited to {@code maxPixels} and
     * {@code maxBytes}, so the server's limits are the decoder's.
     */
    static EmotionRecognizer load(Path dir, long maxPixels, long maxBytes) throws IOException {
        return new EmotionRecognizer(Models.load(dir), new HaarFaceDetector(), new FaceAligner(),
                new ImageDecoder(maxPixels, maxBytes));
    }
}
