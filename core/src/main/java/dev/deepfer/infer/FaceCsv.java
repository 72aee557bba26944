package dev.deepfer.infer;

import dev.deepfer.data.Emotion;
import dev.deepfer.face.FaceBox;
import java.util.Locale;

/**
 * The CSV columns of a recognised face, shared by {@code predict --csv} and the video timeline:
 * the box ({@code x,y,width,height}) and the emotion ({@code emotion,confidence} and one
 * probability per {@link Emotion}, in its order, with six decimals).
 */
public final class FaceCsv {
    private FaceCsv() {
    }

    /** {@code x,y,width,height}. */
    public static String boxHeader() {
        return "x,y,width,height";
    }

    /** The box's four columns. */
    public static String box(FaceBox b) {
        return b.x() + "," + b.y() + "," + b.width() + "," + b.height();
    }

    /** {@code emotion,confidence,angry,…,neutral}, each name after {@code prefix}. */
    public static String emotionHeader(String prefix) {
        StringBuilder sb = new StringBuilder(prefix).append("emotion,").append(prefix).append("confidence");
        for (Emotion e : Emotion.values()) {
            sb.append(',').append(prefix).append(e.label());
        }
        return sb.toString();
    }

    /** The top emotion, its confidence and every probability. */
    public static String emotion(FaceEmotion f) {
        StringBuilder sb = new StringBuilder(f.emotion().label())
                .append(String.format(Locale.ROOT, ",%.6f", f.confidence()));
        for (Emotion e : Emotion.values()) {
            sb.append(String.format(Locale.ROOT, ",%.6f", f.probabilities().get(e)));
        }
        return sb.toString();
    }

    /** {@code s} quoted if it holds a comma, quote or line break (RFC 4180). */
    public static String field(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
