package dev.deepfer.server;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * What the server needs from the library: recognise an upload, describe the model. An interface
 * so tests can slow it down or count calls; {@link #of(EmotionRecognizer)} is the real one.
 * Implementations are called from several worker threads at once; {@link #close()} frees what the
 * adapter itself made (never the model it was given).
 */
public interface Recognizer extends AutoCloseable {

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

    /** The model bundle's manifest. */
    JsonNode manifest();

    @Override
    default void close() {
    }

    /** The real recogniser, plus a detector with {@link DetectorOptions#live()} for live frames. */
    static Recognizer of(EmotionRecognizer recognizer) {
        HaarFaceDetector live = new HaarFaceDetector(HaarFaceDetector.DEFAULT_CASCADE, DetectorOptions.live());
        return new Recognizer() {
            @Override
            public RecognitionResult recognize(byte[] encoded, String name, Mode mode) throws ImageDecodeException {
                return mode == Mode.LIVE ? recognizer.recognize(encoded, name, live) : recognizer.recognize(encoded, name);
            }

            @Override
            public JsonNode manifest() {
                return PublicManifest.of(recognizer.model().manifestJson());
            }

            @Override
            public void close() {
                live.close();
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
