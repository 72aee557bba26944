package dev.deepfer.face;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Finds faces in an upright image (see {@code dev.deepfer.data.ImageDecoder} for EXIF). Implementations
 * must be safe to call from several threads at once.
 */
public interface FaceDetector {
    /** The faces in {@code image}, highest score first; empty when there is none. */
    List<FaceBox> detect(BufferedImage image);
}
