package dev.deepfer.face;

import dev.deepfer.data.GreyImages;
import java.awt.image.BufferedImage;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A grey image as 0..255 floats, row-major: what the detector and the aligner both work on
 * (luma by {@link GreyImages#luma}, so transparency, 16-bit and indexed inputs are handled once).
 */
record GreyFrame(float[] pixels, int width, int height) {
    static GreyFrame of(BufferedImage image) {
        return new GreyFrame(GreyImages.luma(image), image.getWidth(), image.getHeight());
    }

    /** This frame shrunk so its longer side is at most {@code maxSide} (area averaging). */
    GreyFrame limitedTo(int maxSide) {
        int side = Math.max(width, height);
        if (side <= maxSide) {
            return this;
        }
        double s = (double) maxSide / side;
        int w = Math.max(1, (int) Math.round(width * s));
        int h = Math.max(1, (int) Math.round(height * s));
        return new GreyFrame(GreyImages.resize(pixels, width, height, w, h), w, h);
    }

    /** An 8-bit single-channel OpenCV copy; the caller closes it. */
    Mat toMat() {
        Mat mat = new Mat(height, width, opencv_core.CV_8UC1);
        mat.data().put(GreyImages.toBytes(pixels));
        return mat;
    }

    /** Bilinear sample at {@code (x, y)} (pixel centres at integers), edges clamped. */
    float sample(double x, double y) {
        double cx = Math.max(0, Math.min(width - 1, x));
        double cy = Math.max(0, Math.min(height - 1, y));
        int x0 = (int) cx;
        int y0 = (int) cy;
        int x1 = Math.min(width - 1, x0 + 1);
        int y1 = Math.min(height - 1, y0 + 1);
        float fx = (float) (cx - x0);
        float fy = (float) (cy - y0);
        float top = pixels[y0 * width + x0] * (1 - fx) + pixels[y0 * width + x1] * fx;
        float bottom = pixels[y1 * width + x0] * (1 - fx) + pixels[y1 * width + x1] * fx;
        return top * (1 - fy) + bottom * fy;
    }
}
