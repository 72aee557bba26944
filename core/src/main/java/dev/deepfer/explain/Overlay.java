package dev.deepfer.explain;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * Heat-map overlays: a grey face crop enlarged (bilinear) with a map coloured by the Turbo colour
 * scale (Mikhailov, Google 2019: dark blue for 0 through green and yellow to dark red for 1,
 * perceptually smoother than jet) blended over it, more opaque where the map is hot so the face
 * stays readable where it is cold. Headless: only {@link BufferedImage}s.
 */
public final class Overlay {
    /** Opacity of the colour where the map is 0 and added where it is 1. */
    private static final double ALPHA_COLD = 0.15;
    private static final double ALPHA_HOT = 0.5;

    private Overlay() {
    }

    /** The grey crop enlarged {@code scale} times, as RGB. */
    public static BufferedImage face(byte[] crop, int size, int scale) {
        return render(crop, size, null, scale);
    }

    /** The grey crop enlarged {@code scale} times with {@code map} blended over it. */
    public static BufferedImage blend(byte[] crop, int size, HeatMap map, int scale) {
        if (map.width() != size || map.height() != size) {
            throw new IllegalArgumentException("a " + map.width() + "x" + map.height() + " map over a " + size
                    + "x" + size + " face");
        }
        return render(crop, size, map, scale);
    }

    private static BufferedImage render(byte[] crop, int size, HeatMap map, int scale) {
        if (scale < 1 || crop.length != size * size) {
            throw new IllegalArgumentException("scale must be at least 1 and the crop " + size + "x" + size);
        }
        int side = size * scale;
        float[] grey = new float[crop.length];
        for (int i = 0; i < crop.length; i++) {
            grey[i] = crop[i] & 0xFF;
        }
        float[] g = HeatMap.resize(grey, size, size, side, side);
        float[] m = map == null ? null : HeatMap.resize(map.values(), size, size, side, side);
        BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[side * side];
        for (int i = 0; i < rgb.length; i++) {
            int v = Math.round(Math.max(0, Math.min(255, g[i])));
            if (m == null) {
                rgb[i] = v << 16 | v << 8 | v;
                continue;
            }
            double a = ALPHA_COLD + ALPHA_HOT * Math.max(0, Math.min(1, m[i]));
            int c = turbo(m[i]);
            rgb[i] = mix(v, c >> 16 & 0xFF, a) << 16 | mix(v, c >> 8 & 0xFF, a) << 8 | mix(v, c & 0xFF, a);
        }
        out.setRGB(0, 0, side, side, rgb, 0, side);
        return out;
    }

    private static int mix(int grey, int colour, double a) {
        return (int) Math.round((1 - a) * grey + a * colour);
    }

    /**
     * The Turbo colour of {@code x} in [0, 1] (clamped) as {@code 0xRRGGBB}, from the published
     * degree-5 polynomial approximation of the scale.
     */
    public static int turbo(double x) {
        double t = Math.max(0, Math.min(1, x));
        double t2 = t * t;
        double t3 = t2 * t;
        double t4 = t2 * t2;
        double t5 = t4 * t;
        double r = 0.13572138 + 4.61539260 * t - 42.66032258 * t2 + 132.13108234 * t3 - 152.94239396 * t4
                + 59.28637943 * t5;
        double g = 0.09140261 + 2.19418839 * t + 4.84296658 * t2 - 14.18503333 * t3 + 4.27729857 * t4
                + 2.82956604 * t5;
        double b = 0.10667330 + 12.64194608 * t - 60.58204836 * t2 + 110.36276771 * t3 - 89.90310912 * t4
                + 27.34824973 * t5;
        return channel(r) << 16 | channel(g) << 8 | channel(b);
    }

    private static int channel(double v) {
        return (int) Math.round(255 * Math.max(0, Math.min(1, v)));
    }

    /** PNG bytes of an image. */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code data:image/png;base64,…} of an image, for JSON and the browser. */
    public static String dataUrl(BufferedImage image) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(image));
    }
}
