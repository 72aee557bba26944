package dev.deepfer.cli;

import dev.deepfer.face.FaceBox;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Benchmark inputs made from the faces found in sample photos: 640x480 scenes with one face and
 * with six (a 3x2 grid), so the end-to-end time is measured at a fixed, typical camera size.
 */
final class BenchScenes {
    static final int WIDTH = 640;
    static final int HEIGHT = 480;
    /** Part of the photo around a face that goes into a scene: the box and a margin for hair and chin. */
    private static final double CONTEXT = 1.8;

    private BenchScenes() {
    }

    /** A face of a photo. */
    record Face(BufferedImage photo, FaceBox box) {
    }

    /** A grey 640x480 canvas with {@code face} (and its surroundings) about 280 pixels high, centred. */
    static BufferedImage oneFace(Face face) {
        BufferedImage canvas = canvas();
        Graphics2D g = graphics(canvas);
        try {
            paste(g, face, WIDTH / 2, HEIGHT / 2, 280);
        } finally {
            g.dispose();
        }
        return canvas;
    }

    /** A grey 640x480 canvas with six faces in three columns and two rows, each about 150 pixels high. */
    static BufferedImage sixFaces(List<Face> faces) {
        if (faces.size() < 6) {
            throw new IllegalArgumentException("six faces needed, the photos gave " + faces.size());
        }
        BufferedImage canvas = canvas();
        Graphics2D g = graphics(canvas);
        try {
            for (int i = 0; i < 6; i++) {
                int cx = WIDTH / 6 + (i % 3) * WIDTH / 3;
                int cy = HEIGHT / 4 + (i / 3) * HEIGHT / 2;
                paste(g, faces.get(i), cx, cy, 150);
            }
        } finally {
            g.dispose();
        }
        return canvas;
    }

    private static void paste(Graphics2D g, Face f, int cx, int cy, int side) {
        int half = (int) Math.round(f.box().width() * CONTEXT / 2);
        int sx = (int) Math.round(f.box().centreX()) - half;
        int sy = (int) Math.round(f.box().centreY()) - half;
        g.drawImage(f.photo(), cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2, sx, sy, sx + 2 * half,
                sy + 2 * half, null);
    }

    private static BufferedImage canvas() {
        return new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
    }

    private static Graphics2D graphics(BufferedImage canvas) {
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setColor(new Color(0x80, 0x80, 0x80));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        return g;
    }
}
