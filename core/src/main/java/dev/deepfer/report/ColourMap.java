package dev.deepfer.report;

import java.awt.Color;

/**
 * A sequential white-to-navy colour scale (ColorBrewer "Blues", as used by scikit-learn's
 * confusion-matrix display): light for 0, dark for 1, perceptually ordered and readable in grey.
 */
final class ColourMap {

    private static final int[] STOPS = {
        0xF7FBFF, 0xDEEBF7, 0xC6DBEF, 0x9ECAE1, 0x6BAED6, 0x4292C6, 0x2171B5, 0x08519C, 0x08306B
    };

    /** Colour of the lowest value (0). */
    static final Color COLD = new Color(STOPS[0]);

    /** Colour of the highest value (1). */
    static final Color HOT = new Color(STOPS[STOPS.length - 1]);

    private ColourMap() {}

    /** The colour of {@code value} in [0, 1] (clamped), linearly interpolated between stops. */
    static Color at(double value) {
        double v = Math.max(0, Math.min(1, value)) * (STOPS.length - 1);
        int i = Math.min(STOPS.length - 2, (int) Math.floor(v));
        double t = v - i;
        Color a = new Color(STOPS[i]);
        Color b = new Color(STOPS[i + 1]);
        return new Color(mix(a.getRed(), b.getRed(), t), mix(a.getGreen(), b.getGreen(), t),
                mix(a.getBlue(), b.getBlue(), t));
    }

    /** Text colour that stays readable on {@link #at}({@code value}). */
    static Color textOn(double value) {
        Color c = at(value);
        double luminance = (0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()) / 255;
        return luminance < 0.55 ? Color.WHITE : Charts.INK;
    }

    private static int mix(int a, int b, double t) {
        return (int) Math.round(a + (b - a) * t);
    }
}
