package dev.deepfer.report;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Rows of small grey face crops, enlarged without smoothing so each pixel stays visible, each with
 * a caption, under a row title: for setting the crops the model sees beside the faces it was
 * trained on.
 */
public final class CropStrip {
    private static final int MARGIN = 16;
    private static final int GAP = 10;
    private static final int ROW_TITLE = 26;
    private static final int CAPTION = 18;
    private static final Font CAPTION_FONT = Charts.TICK.deriveFont(11f);

    private CropStrip() {
    }

    /** A square grey crop: {@code size * size} bytes, row-major, with a caption. */
    public record Tile(byte[] grey, int size, String caption) {
        /** Checks the pixel count. */
        public Tile {
            if (grey.length != size * size) {
                throw new IllegalArgumentException(grey.length + " pixels for a " + size + "x" + size + " tile");
            }
        }
    }

    /** A titled row of tiles. */
    public record Row(String title, List<Tile> tiles) {
        /** Copies the list. */
        public Row {
            tiles = List.copyOf(tiles);
        }
    }

    /** Draws {@code rows} under {@code title}, every tile enlarged {@code scale} times, to {@code png}. */
    public static void write(List<Row> rows, String title, int scale, Path png) throws IOException {
        if (rows.isEmpty() || rows.stream().allMatch(r -> r.tiles().isEmpty())) {
            throw new IllegalArgumentException("no crops to draw");
        }
        if (scale < 1 || scale > 16) {
            throw new IllegalArgumentException("scale must be 1 to 16, got " + scale);
        }
        int tile = rows.stream().flatMap(r -> r.tiles().stream()).mapToInt(Tile::size).max().orElse(48) * scale;
        int columns = rows.stream().mapToInt(r -> r.tiles().size()).max().orElse(1);
        int width = Math.max(400, 2 * MARGIN + columns * tile + (columns - 1) * GAP);
        int rowHeight = ROW_TITLE + tile + CAPTION + GAP;
        BufferedImage image = Charts.canvas(width, 40 + rows.size() * rowHeight + MARGIN);
        Graphics2D g = Charts.graphics(image);
        try {
            g.setColor(Charts.INK);
            g.setFont(Charts.fitting(g, Charts.TITLE, title, width - 20));
            Charts.drawCentred(g, title, width / 2.0, 22);
            int y = 40;
            for (Row row : rows) {
                g.setColor(Charts.INK);
                g.setFont(Charts.LABEL.deriveFont(Font.BOLD));
                g.drawString(row.title(), MARGIN, y + 18);
                int x = MARGIN;
                for (Tile t : row.tiles()) {
                    drawTile(g, t, x, y + ROW_TITLE, tile);
                    x += tile + GAP;
                }
                y += rowHeight;
            }
        } finally {
            g.dispose();
        }
        Charts.writePng(image, png);
    }

    private static void drawTile(Graphics2D g, Tile t, int x, int y, int side) {
        BufferedImage grey = new BufferedImage(t.size(), t.size(), BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setDataElements(0, 0, t.size(), t.size(), t.grey());
        Object hint = g.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(grey, x, y, side, side, null);
        if (hint != null) {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, hint);
        }
        g.setFont(CAPTION_FONT);
        g.setColor(Charts.MUTED);
        FontMetrics fm = g.getFontMetrics();
        String caption = t.caption();
        while (caption.length() > 1 && fm.stringWidth(caption) > side) {
            caption = caption.substring(0, caption.length() - 2) + "…";
        }
        Charts.drawCentred(g, caption, x + side / 2.0, y + side + CAPTION / 2.0 + 2);
    }
}
