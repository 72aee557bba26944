package dev.deepfer.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deepfer.data.DecodedImage;
import dev.deepfer.data.Emotion;
import dev.deepfer.data.ImageDecodeException;
import dev.deepfer.data.ImageDecoder;
import dev.deepfer.explain.ExplainOptions;
import dev.deepfer.explain.Explainer;
import dev.deepfer.explain.ExplanationJson;
import dev.deepfer.face.AlignedFace;
import dev.deepfer.face.FaceAligner;
import dev.deepfer.face.HaarFaceDetector;
import dev.deepfer.infer.EmotionRecognizer;
import dev.deepfer.infer.Models;
import dev.deepfer.infer.RecognitionResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the server needs from the library: recognise an upload, explain it, describe the model. An
 * interface so tests can slow it down or count calls; {@link #of(EmotionRecognizer)} is the real
 * one. Implementations are called from several worker threads at once.
 */
public interface Recognizer {

    /** Overlays in explanations are enlarged this many times (176 px for 44 px crops). */
    int OVERLAY_SCALE = 4;

    RecognitionResult recognize(byte[] encoded, String name) throws ImageDecodeException;

    /**
     * Explains an upload's faces: {@code {"image", "width", "height", "method", "layer", "faces":
     * [{"index", "box", "emotion", "confidence", "target", "probabilities", "members_agree", "face",
     * "overlay", "members": […]}], "timing_ms": {"members", "model"}}} (see {@link ExplanationJson}).
     *
     * @param target the emotion to explain; empty for each face's predicted one
     * @param face   only this face (0-based, in the order recognition lists them); empty for all
     * @param maps   whether to include the ensemble map's values
     */
    default ObjectNode explain(byte[] encoded, String name, Optional<Emotion> target, OptionalInt face, boolean maps)
            throws ImageDecodeException {
        throw new ApiError(501, "not_implemented", "this server cannot explain");
    }

    /** The model bundle's manifest. */
    JsonNode manifest();

    static Recognizer of(EmotionRecognizer recognizer) {
        Explainer explainer = new Explainer(recognizer, ExplainOptions.defaults());
        return new Recognizer() {
            @Override
            public RecognitionResult recognize(byte[] encoded, String name) throws ImageDecodeException {
                return recognizer.recognize(encoded, name);
            }

            @Override
            public ObjectNode explain(byte[] encoded, String name, Optional<Emotion> target, OptionalInt face,
                                      boolean maps) throws ImageDecodeException {
                DecodedImage img = recognizer.decode(encoded, name);
                List<AlignedFace> faces = recognizer.faces(img.image());
                int first = face.orElse(0);
                if (face.isPresent()) {
                    if (first >= faces.size()) {
                        throw new ApiError(400, "no_such_face", "face " + first + " was asked for; the image has "
                                + faces.size() + " face(s), numbered from 0");
                    }
                    faces = List.of(faces.get(first));
                }
                ObjectNode json = JsonNodeFactory.instance.objectNode();
                json.put("image", name).put("width", img.width()).put("height", img.height());
                json.setAll(ExplanationJson.of(explainer.explain(faces, target), explainer.options(), OVERLAY_SCALE,
                        maps));
                ArrayNode list = (ArrayNode) json.get("faces");
                for (int i = 0; i < list.size(); i++) {
                    ((ObjectNode) list.get(i)).put("index", first + i);
                }
                return json;
            }

            @Override
            public JsonNode manifest() {
                return recognizer.model().manifestJson();
            }
        };
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
