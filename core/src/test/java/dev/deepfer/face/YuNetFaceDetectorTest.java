package dev.deepfer.face;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DNN detector's failure paths. No YuNet model can be fetched here, so detection itself is not
 * tested; what is checked is that every bad model file is refused with a message naming it, and
 * that nothing crashes the JVM.
 */
class YuNetFaceDetectorTest {
    @TempDir
    Path dir;

    @Test
    void aMissingModelIsNamed() {
        Path missing = dir.resolve("yunet.onnx");
        assertThatThrownBy(() -> YuNetFaceDetector.load(missing, YuNetOptions.defaults()))
                .isInstanceOf(IOException.class).hasMessageContaining(missing.toString())
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> YuNetFaceDetector.load(dir, YuNetOptions.defaults()))
                .isInstanceOf(IOException.class).hasMessageContaining("folder");
    }

    @Test
    void aFileThatIsNoModelIsRefused() throws IOException {
        Path text = Files.writeString(dir.resolve("text.onnx"), "not a network\n");
        assertThatThrownBy(() -> YuNetFaceDetector.load(text, YuNetOptions.defaults()))
                .isInstanceOf(IOException.class).hasMessageContaining(text.toString())
                .hasMessageContaining("not a face detection model");
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Path random = Files.write(dir.resolve("random.onnx"), noise);
        assertThatThrownBy(() -> YuNetFaceDetector.load(random, YuNetOptions.defaults()))
                .isInstanceOf(IOException.class).hasMessageContaining(random.toString());
        Path empty = Files.write(dir.resolve("empty.onnx"), new byte[0]);
        assertThatThrownBy(() -> YuNetFaceDetector.load(empty, YuNetOptions.defaults()))
                .isInstanceOf(IOException.class).hasMessageContaining(empty.toString());
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> new YuNetOptions(1.5, 0.3, 24, 1280)).hasMessageContaining("scoreThreshold");
        assertThatThrownBy(() -> new YuNetOptions(0.9, 0, 24, 1280)).hasMessageContaining("nmsThreshold");
        assertThatThrownBy(() -> new YuNetOptions(0.9, 0.3, 0, 1280)).hasMessageContaining("minFaceSize");
    }
}
