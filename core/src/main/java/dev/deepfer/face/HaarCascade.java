package dev.deepfer.face;

/**
 * The frontal-face cascades shipped with OpenCV that {@link HaarFaceDetector} can use. Scores are
 * the cascade's final-stage weight sums, so their scale differs per cascade: a
 * {@link DetectorOptions#scoreThreshold()} belongs to one cascade.
 */
public enum HaarCascade {
    /** {@code haarcascade_frontalface_default.xml} (Lienhart, stumps): most sensitive, fires on dog faces. */
    FRONTAL_DEFAULT("haarcascades/haarcascade_frontalface_default.xml"),
    /** {@code haarcascade_frontalface_alt.xml} (Lienhart, Gentle AdaBoost stumps): fewer false alarms. */
    FRONTAL_ALT("haarcascades/haarcascade_frontalface_alt.xml"),
    /** {@code haarcascade_frontalface_alt2.xml} (two-split trees). */
    FRONTAL_ALT2("haarcascades/haarcascade_frontalface_alt2.xml");

    private final String resource;

    HaarCascade(String resource) {
        this.resource = resource;
    }

    /** The XML's path below OpenCV's {@code share/opencv4} folder. */
    public String resource() {
        return resource;
    }
}
