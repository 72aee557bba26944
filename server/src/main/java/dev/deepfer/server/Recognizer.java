package dev.deepfer.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deepfer.data.ImageDecodeException;
import dev.deepfer.data.ImageDecoder;
import dev.deepfer.face.FaceAligner;
import dev.deepfer.face.HaarFaceDetector;
import dev.deepfer.infer.EmotionRecognizer;
import dev.deepfer.infer.Models;
import dev.deepfer.infer.RecognitionResult;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What the server needs from the library: recognise an upload, describe the model. An interface
 * so tests can slow it down or count calls; {@link #of(EmotionRecognizer)} is the real one.
 * Implementations are called from several worker threads at once.
 */
public interface Recognizer {

    RecognitionResult recognize(byte[] encoded, String name) throws ImageDecodeException;

    /** The model bundle's manifest. */
    JsonNode manifest();

    static Recognizer of(EmotionRecognizer recognizer) {
        return new Recognizer() {
            @Override
            public RecognitionResult recognize(byte[] encoded, String name) throws ImageDecodeException {
                return recognizer.recognize(encoded, name);
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
