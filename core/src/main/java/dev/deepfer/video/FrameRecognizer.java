package dev.deepfer.video;

import dev.deepfer.face.FaceBox;
import dev.deepfer.infer.EmotionRecognizer;
import dev.deepfer.infer.FaceEmotion;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * What {@link VideoAnalyzer} asks of a recogniser per frame: find and recognise the faces, or
 * recognise faces at boxes it already knows (the detector is the costly part, so a video may skip
 * it on some frames). {@link #of(EmotionRecognizer)} adapts the library's recogniser.
 */
public interface FrameRecognizer {
    /** Detects the faces of {@code image} and recognises them. */
    List<FaceEmotion> detect(BufferedImage image);

    /** Recognises the faces at {@code boxes} of {@code image}, without detection. */
    List<FaceEmotion> at(BufferedImage image, List<FaceBox> boxes);

    /** The recogniser's detector, aligner and model. */
    static FrameRecognizer of(EmotionRecognizer recognizer) {
        return new FrameRecognizer() {
            @Override
            public List<FaceEmotion> detect(BufferedImage image) {
                return recognizer.recognize(image);
            }

            @Override
            public List<FaceEmotion> at(BufferedImage image, List<FaceBox> boxes) {
                return recognizer.recognize(image, boxes);
            }
        };
    }
}
