package dev.deepfer.data;

/** Which views of a test image {@link Tta} produces; predictions are averaged over them. */
public enum TtaMode {
    /** The centre crop only. */
    NONE(1),
    /** The centre crop and its mirror. */
    FLIP(2),
    /** The four corner crops and the centre crop, each also mirrored (Krizhevsky et al., 2012). */
    TEN_CROP(10);

    private final int views;

    TtaMode(int views) {
        this.views = views;
    }

    /** Number of views per image. */
    public int views() {
        return views;
    }
}
