package dev.deepfer.face;

/**
 * A face ready for the recogniser: {@code size x size} grey bytes (row-major, FER2013 framing).
 *
 * @param pixels grey values 0..255 as unsigned bytes, {@code size * size} of them
 * @param size side of the square, 48 by default
 * @param box the detected face this came from, in the original image's pixels
 * @param rotationDegrees how far the image was turned to level the eyes, counter-clockwise as
 *     seen on screen (positive when the face was tilted clockwise); 0 when the eyes were not found
 * @param eyesFound whether both eyes were found; if not, the crop is unrotated
 */
public record AlignedFace(byte[] pixels, int size, FaceBox box, double rotationDegrees, boolean eyesFound) {
    /** Checks the pixel count. */
    public AlignedFace {
        if (pixels.length != size * size) {
            throw new IllegalArgumentException(pixels.length + " pixels for a " + size + "x" + size + " face");
        }
    }
}
