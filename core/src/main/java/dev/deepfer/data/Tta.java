package dev.deepfer.data;

/**
 * Test-time augmentation views of one face, as [0,1] floats, view after view. Ten-crop takes
 * torchvision's {@code TenCrop} views: top-left, top-right, bottom-left, bottom-right, centre, then
 * each of those five mirrored in place (torchvision mirrors the image first, so its second five come
 * in another order; the set, and so their mean, is the same); {@link TtaMode#FLIP} gives centre then
 * mirrored centre.
 */
public final class Tta {
    private Tta() {
    }

    /** The {@code mode.views()} views of {@code src}, each {@code outSize x outSize}. */
    public static float[] views(byte[] src, int srcSize, int outSize, TtaMode mode) {
        float[] out = new float[mode.views() * outSize * outSize];
        views(src, srcSize, outSize, mode, out, 0);
        return out;
    }

    /** Writes the views of {@code src} into {@code dst} from {@code dstOffset}. */
    public static void views(byte[] src, int srcSize, int outSize, TtaMode mode, float[] dst, int dstOffset) {
        int area = outSize * outSize;
        int centre = (srcSize - outSize) / 2;
        switch (mode) {
            case NONE -> Augmentation.crop(src, srcSize, centre, centre, outSize, false, dst, dstOffset);
            case FLIP -> {
                Augmentation.crop(src, srcSize, centre, centre, outSize, false, dst, dstOffset);
                Augmentation.crop(src, srcSize, centre, centre, outSize, true, dst, dstOffset + area);
            }
            case TEN_CROP -> {
                int far = srcSize - outSize;
                int[][] corners = {{0, 0}, {far, 0}, {0, far}, {far, far}, {centre, centre}};
                for (int m = 0; m < 2; m++) {
                    for (int c = 0; c < corners.length; c++) {
                        int view = m * corners.length + c;
                        Augmentation.crop(src, srcSize, corners[c][0], corners[c][1], outSize, m == 1,
                                dst, dstOffset + view * area);
                    }
                }
            }
            default -> throw new AssertionError(mode);
        }
    }
}
