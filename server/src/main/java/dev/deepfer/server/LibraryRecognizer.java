package dev.deepfer.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deepfer.data.DecodedImage;
import dev.deepfer.data.Emotion;
import dev.deepfer.data.ImageDecodeException;
import dev.deepfer.explain.ExplainOptions;
import dev.deepfer.explain.Explainer;
import dev.deepfer.explain.ExplanationJson;
import dev.deepfer.face.AlignedFace;
import dev.deepfer.face.DetectorOptions;
import dev.deepfer.face.HaarFaceDetector;
import dev.deepfer.infer.LoadedModel;
import dev.deepfer.infer.EmotionRecognizer;
import dev.deepfer.infer.RecognitionResult;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@link Recognizer} over the library: {@link EmotionRecognizer} for recognition (with its own
 * detector, or a {@link DetectorOptions#live()} one for live frames), {@link Explainer} for
 * explanations, the manifest with local paths cut ({@link PublicManifest}). Closing frees the live
 * detector only; the recogniser stays its owner's.
 */
final class LibraryRecognizer implements Recognizer {
    /**
     * Faces explained when no {@code face} is asked for: each costs a forward and a backward pass per
     * member, so a crowd photo would hold a worker for minutes; the answer says how many faces there were.
     */
    static final int MAX_EXPLAINED_FACES = 4;

    private final EmotionRecognizer recognizer;
    private final Explainer explainer;
    private final HaarFaceDetector live = new HaarFaceDetector(HaarFaceDetector.DEFAULT_CASCADE, DetectorOptions.live());

    LibraryRecognizer(EmotionRecognizer recognizer) {
        this.recognizer = recognizer;
        this.explainer = new Explainer(recognizer, ExplainOptions.defaults());
    }

    @Override
    public RecognitionResult recognize(byte[] encoded, String name, Mode mode) throws ImageDecodeException {
        return mode == Mode.LIVE ? recognizer.recognize(encoded, name, live) : recognizer.recognize(encoded, name);
    }

    @Override
    public ObjectNode explain(byte[] encoded, String name, Optional<Emotion> target, OptionalInt face, boolean maps)
            throws ImageDecodeException {
        DecodedImage img = recognizer.decode(encoded, name);
        List<AlignedFace> faces = recognizer.alignFaces(img.image());
        int first = face.orElse(0);
        if (face.isPresent()) {
            if (first >= faces.size()) {
                throw new ApiError(400, "no_such_face", "face " + first + " was asked for; the image has "
                        + faces.size() + " face(s), numbered from 0");
            }
            faces = List.of(faces.get(first));
        }
        int detected = faces.size();
        if (face.isEmpty() && faces.size() > MAX_EXPLAINED_FACES) {
            faces = faces.subList(0, MAX_EXPLAINED_FACES);
        }
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("image", name).put("width", img.width()).put("height", img.height());
        if (face.isEmpty()) {
            json.put("faces_detected", detected);
        }
        json.setAll(ExplanationJson.of(explainer.explain(faces, target), explainer.options(), OVERLAY_SCALE, maps));
        ArrayNode list = (ArrayNode) json.get("faces");
        for (int i = 0; i < list.size(); i++) {
            ((ObjectNode) list.get(i)).put("index", first + i);
        }
        return json;
    }

    /**
     * A member's manifest as is; an ensemble's {@code ensemble.json} plus what a client needs and the
     * ensemble file does not repeat: the label order, the input size (the largest member's: each
     * member's own is in its manifest) and each member's manifest.
     */
    @Override
    public JsonNode manifest() {
        LoadedModel model = recognizer.model();
        JsonNode manifest = model.manifestJson();
        if (manifest.has("labels") || model.members().isEmpty()) {
            return PublicManifest.of(manifest);
        }
        ObjectNode o = ((ObjectNode) manifest).deepCopy();
        o.set("labels", model.members().get(0).manifestJson().get("labels"));
        o.put("inputSize", model.inputSize());
        ArrayNode members = o.putArray("member_manifests");
        model.members().forEach(m -> members.add(m.manifestJson()));
        return PublicManifest.of(o);
    }

    @Override
    public void close() {
        live.close();
    }
}
