package dev.deepfer.report;

import dev.deepfer.eval.corrupt.Corruption;
import dev.deepfer.eval.corrupt.Corruptions;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the corruption benchmark does to faces, as a PNG: one row per family, the clean face then
 * severities 1 to 5, for each of a few faces side by side, drawn with the benchmark's seeding so
 * the picture shows exactly what the models saw.
 */
public final class CorruptionGrid {
    private static final int SCALE = 2;
    private static final int LABEL_WIDTH = 130;
    private static final int GAP = 12;
    private static final int HEADER = 50;

    private CorruptionGrid() {
    }

    /**
     * @param faces   {@code size x size} grey faces
     * @param indices each face's index in the benchmark's dataset (its random stream depends on it)
     * @param seed    the benchmark's corruption seed
     */
    public static void write(List<byte[]> faces, int[] indices, int size, long seed, Path png) throws IOException {
        Corruption[] families = Corruption.values();
        int cell = size * SCALE;
        int block = (Corruption.SEVERITIES + 1) * cell;
        BufferedImage image = Charts.canvas(LABEL_WIDTH + faces.size() * (block + GAP), HEADER + families.length * cell);
        Graphics2D g = Charts.graphics(image);
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.setColor(Charts.INK);
            g.setFont(Charts.TICK);
            for (int f = 0; f < faces.size(); f++) {
                int x0 = LABEL_WIDTH + f * (block + GAP);
                for (int s = 0; s <= Corruption.SEVERITIES; s++) {
                    Charts.drawCentred(g, s == 0 ? "clean" : "severity " + s, x0 + s * cell + cell / 2.0, HEADER - 14);
                }
                for (int r = 0; r < families.length; r++) {
                    for (int s = 0; s <= Corruption.SEVERITIES; s++) {
                        byte[] face = s == 0 ? faces.get(f) : Corruptions.apply(faces.get(f), size, families[r], s,
                                Corruptions.random(seed, families[r], indices[f]));
                        g.drawImage(grey(face, size), x0 + s * cell, HEADER + r * cell, cell, cell, null);
                    }
                }
            }
            for (int r = 0; r < families.length; r++) {
                Charts.drawRightAligned(g, families[r].label(), LABEL_WIDTH - 10, HEADER + r * cell + cell / 2.0);
            }
        } finally {
            g.dispose();
        }
        Charts.writePng(image, png);
    }

    private static BufferedImage grey(byte[] face, int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setDataElements(0, 0, size, size, face);
        return img;
    }
}
