package dev.deepfer.video;

import dev.deepfer.face.FaceBox;
import dev.deepfer.infer.EmotionRecognizer;
import dev.deepfer.infer.FaceEmotion;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * What {@link VideoAnalyzer} asks of a recogniser per frame: find the faces (the detector: the
 * costly part, so a video may skip it on some frames), and recognise faces at boxes (found in this
 * frame or carried over from an earlier one). {@link #of(EmotionRecognizer)} adapts the library's
 * recogniser.
 */
public interface FrameRecognizer {
    /**
     * The face boxes in {@code image}, as the detector gives them (a box may reach past the edge:
     * recognition aligns from the whole box and reports the part inside the image).
     */
    List<FaceBox> find(BufferedImage image);

    /** Recognises the faces at {@code boxes} of {@code image}, one per box, in order. */
    List<FaceEmotion> at(BufferedImage image, List<FaceBox> boxes);

    /** The recogniser's detector, aligner and model. */
    static FrameRecognizer of(EmotionRecognizer recognizer) {
        return new FrameRecognizer() {
            @Override
            public List<FaceBox> find(BufferedImage image) {
                return recognizer.detect(image);
            }

            @Override
            public List<FaceEmotion> at(BufferedImage image, List<FaceBox> boxes) {
                return recognizer.recognize(image, boxes);
            }
        };
    }
}
