package dev.deepfer.explain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deepfer.data.Emotion;
import dev.deepfer.eval.DatasetScorer;
import dev.deepfer.face.FaceBox;

/**
 * The JSON shape of explanations shared by {@code deepfer explain --json} and
 * {@code POST /api/v1/explain}: per face the box, the model's emotion, confidence and
 * probabilities, the explained target, whether the members agree, the overlays as PNG data URLs
 * ({@code face}, {@code overlay} = the ensemble's Grad-CAM, per member {@code overlay} and
 * {@code attention_overlay}), on request the ensemble map's values, and {@code timing_ms}: each
 * member's time and the whole model's ({@code members}, {@code model}).
 */
public final class ExplanationJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExplanationJson() {
    }

    /**
     * @param e       the explanations
     * @param options how they were made (method and layer are reported)
     * @param scale   enlargement of the overlay PNGs
     * @param maps    whether to include the ensemble map's values (3 decimals)
     */
    public static ObjectNode of(Explanations e, ExplainOptions options, int scale, boolean maps) {
        ObjectNode root = JSON.createObjectNode();
        root.put("method", options.method().id());
        root.put("layer", options.layer());
        ArrayNode faces = root.putArray("faces");
        for (FaceExplanation f : e.faces()) {
            faces.add(face(f, scale, maps));
        }
        ObjectNode timing = root.putObject("timing_ms");
        ObjectNode members = timing.putObject("members");
        for (int m = 0; m < e.members().size(); m++) {
            members.put(e.members().get(m), round(e.memberMillis()[m]));
        }
        timing.put("model", round(e.totalMillis()));
        return root;
    }

    private static ObjectNode face(FaceExplanation f, int scale, boolean maps) {
        ObjectNode face = JSON.createObjectNode();
        f.box().ifPresent(b -> box(face.putObject("box"), b));
        float[] p = f.probabilities();
        face.put("emotion", f.predicted().label());
        face.put("confidence", p[f.predicted().ordinal()]);
        face.put("target", f.target().label());
        face.set("probabilities", probabilities(p));
        face.put("members_agree", f.membersAgree());
        face.put("face", Overlay.dataUrl(Overlay.face(f.crop(), f.size(), scale)));
        face.put("overlay", Overlay.dataUrl(Overlay.blend(f.crop(), f.size(), f.ensembleMap(), scale)));
        if (maps) {
            ObjectNode map = face.putObject("map");
            map.put("width", f.size());
            map.put("height", f.size());
            ArrayNode values = map.putArray("values");
            for (float v : f.ensembleMap().values()) {
                values.add(Math.round(v * 1000) / 1000.0);
            }
        }
        ArrayNode members = face.putArray("members");
        for (MemberExplanation m : f.members()) {
            ObjectNode node = members.addObject();
            node.put("name", m.name());
            node.put("weight", m.weight());
            float[] mp = m.probabilities();
            node.put("emotion", Emotion.ofIndex(DatasetScorer.argmax(mp)).label());
            node.set("probabilities", probabilities(mp));
            node.put("overlay", Overlay.dataUrl(Overlay.blend(f.crop(), f.size(), m.gradCam(), scale)));
            m.meanAttention().ifPresent(a -> {
                node.put("attention_overlay", Overlay.dataUrl(Overlay.blend(f.crop(), f.size(), a, scale)));
                ArrayNode stages = node.putArray("attention_stages");
                m.attention().forEach(s -> stages.add(s.stage()));
            });
        }
        return face;
    }

    private static void box(ObjectNode node, FaceBox b) {
        node.put("x", b.x());
        node.put("y", b.y());
        node.put("width", b.width());
        node.put("height", b.height());
    }

    private static ObjectNode probabilities(float[] p) {
        ObjectNode node = JSON.createObjectNode();
        for (Emotion e : Emotion.values()) {
            node.put(e.label(), p[e.ordinal()]);
        }
        return node;
    }

    private static double round(double millis) {
        return Math.round(millis * 100) / 100.0;
    }
}
