package dev.deepfer.cli;

import dev.deepfer.face.FaceDetector;
import dev.deepfer.face.HaarFaceDetector;
import dev.deepfer.face.YuNetFaceDetector;
import dev.deepfer.face.YuNetOptions;
import dev.deepfer.infer.EmotionRecognizer;
import dev.deepfer.infer.ModelBundle;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model} and {@code --detector-model}: which bundle and which face detector a command uses. */
final class RecognizerOptions {
    @Option(names = "--model", description = "Model bundle (default: the bundled default model).")
    Path model;

    @Option(names = "--detector-model", paramLabel = "<yunet.onnx>",
            description = "Detect faces with this YuNet ONNX model (OpenCV FaceDetectorYN) instead of the "
                    + "built-in Haar cascade.")
    Path detectorModel;

    /** The recogniser: the bundle (or the default) with the chosen detector; the detector is checked first. */
    EmotionRecognizer load() throws IOException {
        FaceDetector detector = detectorModel == null ? new HaarFaceDetector()
                : YuNetFaceDetector.load(detectorModel, YuNetOptions.defaults());
        return EmotionRecognizer.load(model != null ? model : ModelBundle.defaultLocation(), detector);
    }
}
