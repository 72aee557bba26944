package dev.deepfer.spark;

import dev.deepfer.data.Emotion;
import dev.deepfer.infer.FaceEmotion;
import dev.deepfer.infer.ImageOutcome;
import dev.deepfer.infer.RecognitionResult;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The output table: one row per detected face, plus one row for an image without a face (face
 * columns null, {@code face_count} 0) and one for an image that could not be read ({@code error}
 * set), so every input image is accounted for. Columns: the kept input columns, then
 * {@code path, width, height, face_count, face_index, box_x, box_y, box_width, box_height,
 * prob_angry … prob_neutral, emotion, confidence, model_name, model_sha256, error_reason, error}.
 * Boxes are in pixels of the EXIF-upright image, as in {@code deepfer predict --json}.
 */
final class FaceRows implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Prefix of the probability columns ({@code prob_angry}, …). */
    static final String PROBABILITY_PREFIX = "prob_";

    private final StructType schema;
    private final int kept;

    /** The output schema with {@code keptFields} (copied from the input) in front. */
    FaceRows(List<StructField> keptFields) {
        List<StructField> fields = new ArrayList<>(keptFields);
        fields.add(field("path", DataTypes.StringType));
        for (String name : List.of("width", "height", "face_count", "face_index", "box_x", "box_y", "box_width",
                "box_height")) {
            fields.add(field(name, DataTypes.IntegerType));
        }
        for (Emotion e : Emotion.values()) {
            fields.add(field(PROBABILITY_PREFIX + e.label(), DataTypes.DoubleType));
        }
        fields.add(field("emotion", DataTypes.StringType));
        fields.add(field("confidence", DataTypes.DoubleType));
        for (String name : List.of("model_name", "model_sha256", "error_reason", "error")) {
            fields.add(field(name, DataTypes.StringType));
        }
        List<String> names = fields.stream().map(StructField::name).toList();
        for (StructField k : keptFields) {
            if (names.indexOf(k.name()) != names.lastIndexOf(k.name())) {
                throw new IllegalArgumentException("kept column '" + k.name() + "' has the name of an output column");
            }
        }
        this.schema = new StructType(fields.toArray(StructField[]::new));
        this.kept = keptFields.size();
    }

    private static StructField field(String name, DataType type) {
        return DataTypes.createStructField(name, type, true);
    }

    StructType schema() {
        return schema;
    }

    /**
     * The rows of one image.
     *
     * @param keptValues the values of the kept input columns
     * @param path the image's path as read
     * @param outcome what recognition gave
     * @param model the model's name and fingerprint
     */
    List<Row> rows(Object[] keptValues, String path, ImageOutcome outcome, ModelHolder.Loaded model) {
        if (!outcome.isRead()) {
            Object[] v = start(keptValues, path);
            v[v.length - 2] = outcome.failure().reason().name();
            v[v.length - 1] = outcome.failure().getMessage();
            return List.of(withModel(v, model));
        }
        RecognitionResult r = outcome.result();
        if (r.faces().isEmpty()) {
            return List.of(withModel(image(start(keptValues, path), r), model));
        }
        List<Row> out = new ArrayList<>(r.faces().size());
        for (int i = 0; i < r.faces().size(); i++) {
            Object[] v = image(start(keptValues, path), r);
            FaceEmotion f = r.faces().get(i);
            int c = kept + 4;
            v[c++] = i;
            v[c++] = f.box().x();
            v[c++] = f.box().y();
            v[c++] = f.box().width();
            v[c++] = f.box().height();
            for (Emotion e : Emotion.values()) {
                v[c++] = f.probabilities().get(e);
            }
            v[c++] = f.emotion().label();
            v[c] = f.confidence();
            out.add(withModel(v, model));
        }
        return out;
    }

    private Object[] start(Object[] keptValues, String path) {
        Object[] v = Arrays.copyOf(keptValues, schema.size());
        v[kept] = path;
        return v;
    }

    private Object[] image(Object[] v, RecognitionResult r) {
        v[kept + 1] = r.width();
        v[kept + 2] = r.height();
        v[kept + 3] = r.faces().size();
        return v;
    }

    private static Row withModel(Object[] v, ModelHolder.Loaded model) {
        v[v.length - 4] = model.name();
        v[v.length - 3] = model.fingerprint();
        return RowFactory.create(v);
    }
}
