package dev.deepfer.infer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deepfer.data.Emotion;

import java.util.List;

/**
 * The faces found in one image, with the image's (upright) size. {@link #toJson()} gives the shape
 * shared by the CLI's {@code --json} and the server:
 * {@code {"image", "width", "height", "faces": [{"box": {x, y, width, height}, "emotion",
 * "confidence", "probabilities": {"angry": …}}]}}.
 */
public record RecognitionResult(String image, int width, int height, List<FaceEmotion> faces) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public RecognitionResult {
        faces = List.copyOf(faces);
    }

    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("image", image);
        root.put("width", width);
        root.put("height", height);
        ArrayNode list = root.putArray("faces");
        for (FaceEmotion f : faces) {
            ObjectNode face = list.addObject();
            ObjectNode box = face.putObject("box");
            box.put("x", f.box().x());
            box.put("y", f.box().y());
            box.put("width", f.box().width());
            box.put("height", f.box().height());
            face.put("emotion", f.emotion().label());
            face.put("confidence", f.confidence());
            ObjectNode probs = face.putObject("probabilities");
            for (Emotion e : Emotion.values()) {
                probs.put(e.label(), f.probabilities().get(e));
            }
        }
        return root;
    }
}
