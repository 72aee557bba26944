package dev.deepfer.cli;

import dev.deepfer.face.HaarFaceDetector;
import dev.deepfer.face.YuNetFaceDetector;
import dev.deepfer.face.YuNetOptions;
import dev.deepfer.infer.EmotionRecognizer;
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

    /**
     * The recogniser: the bundle (or the default) with the chosen detector; the detector is checked
     * first. A detector model that cannot be loaded, or a directory without a bundle, is a bad argument.
     */
    EmotionRecognizer load() throws IOException {
        YuNetFaceDetector yuNet = detectorModel == null ? null : yuNet();
        Path bundle;
        try {
            bundle = ModelOption.bundle(model);
        } catch (IllegalArgumentException e) {
            if (yuNet != null) {
                yuNet.close();
            }
            throw e;
        }
        return EmotionRecognizer.load(bundle, yuNet != null ? yuNet : new HaarFaceDetector());
    }

    private YuNetFaceDetector yuNet() {
        try {
            return YuNetFaceDetector.load(detectorModel, YuNetOptions.defaults());
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
