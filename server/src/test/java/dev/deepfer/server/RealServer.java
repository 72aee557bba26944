package dev.deepfer.server;

import dev.deepfer.data.SharedData;
import dev.deepfer.infer.EmotionRecognizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real server on a free loopback port with the committed default bundle, for tests; skips the
 * calling test class (with the reason) when the bundle or the shared sample photos are absent.
 */
record RealServer(DeepferServer server, EmotionRecognizer recognizer) implements AutoCloseable {
    static final Path BUNDLE = Path.of("../models/default");

    static RealServer start() throws IOException {
        assumeTrue(dev.deepfer.infer.Models.isBundle(BUNDLE),
                "default bundle absent at " + BUNDLE.toAbsolutePath().normalize());
        assumeTrue(SharedData.samples().isPresent(), "shared samples absent, looked in " + SharedData.describe());
        ServerConfig config = ServerConfig.defaults(0).withWorkers(1, 4);
        EmotionRecognizer recognizer = Recognizer.load(BUNDLE, config.maxPixels(), config.maxBytes());
        return new RealServer(DeepferServer.start(config, recognizer), recognizer);
    }

    /** The shared sample photo with one angry face. */
    static Path angryMan() {
        return SharedData.samples().orElseThrow().resolve("angry_man.jpg").toAbsolutePath().normalize();
    }

    @Override
    public void close() {
        server.stop();
        recognizer.close();
    }
}
