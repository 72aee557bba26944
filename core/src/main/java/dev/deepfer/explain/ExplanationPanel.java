package dev.deepfer.explain;

import dev.deepfer.data.Emotion;
import dev.deepfer.eval.DatasetScorer;
import dev.deepfer.infer.Annotations;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pictures of explanations. {@link #panel} draws one face: the crop the networks saw, each
 * member's Grad-CAM overlay (with its fusion weight and vote), the ensemble's overlay, each
 * member's CBAM attention, and probability bars (the model's, with every member's as a tick, so
 * agreement and disagreement show). {@link #gallery} lays out many faces compactly (crop and
 * ensemble overlay with a caption), for reports.
 */
public final class ExplanationPanel {
    private static final Color INK = new Color(0x26, 0x26, 0x26);
    private static final Color MUTED = new Color(0x59, 0x59, 0x59);
    private static final Color TRACK = new Color(0xEC, 0xEF, 0xF3);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final int GAP = 10;
    private static final int CAPTION = 48;
    private static final int HEADER = 30;
    private static final int BAR_LABEL = 62;
    private static final int BAR_LENGTH = 150;

    /** One gallery cell: a face and what to write under it. */
    public record Entry(FaceExplanation face, String caption) {
    }

    private ExplanationPanel() {
    }

    /** The panel of one face, tiles enlarged {@code scale} times (4 gives 176 px for 44 px crops). */
    public static BufferedImage panel(FaceExplanation f, int scale) {
        List<BufferedImage> tiles = new ArrayList<>();
        List<String[]> captions = new ArrayList<>();
        tiles.add(Overlay.face(f.crop(), f.size(), scale));
        captions.add(new String[] {"face", "as the nets see it", f.size() + "x" + f.size() + " grey"});
        for (MemberExplanation m : f.members()) {
            tiles.add(Overlay.blend(f.crop(), f.size(), m.gradCam(), scale));
            captions.add(new String[] {"Grad-CAM", m.name(), String.format(Locale.ROOT, "w %.2f · %s",
                    m.weight(), top(m.probabilities()))});
        }
        if (f.members().size() > 1) {
            tiles.add(Overlay.blend(f.crop(), f.size(), f.ensembleMap(), scale));
            captions.add(new String[] {"Grad-CAM", "ensemble", top(f.probabilities())});
        }
        for (MemberExplanation m : f.members()) {
            m.meanAttention().ifPresent(a -> {
                tiles.add(Overlay.blend(f.crop(), f.size(), a, scale));
                captions.add(new String[] {"CBAM attention", m.name(), "stages " + stages(m)});
            });
        }
        int side = f.size() * scale;
        int barsHeight = Emotion.COUNT * 22 + 16;
        int width = GAP + tiles.size() * (side + GAP) + BAR_LABEL + BAR_LENGTH + 50;
        int height = HEADER + Math.max(side + CAPTION, barsHeight) + GAP;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(out);
        try {
            g.setFont(TITLE);
            g.setColor(INK);
            g.drawString(String.format(Locale.ROOT, "Explaining \"%s\" · model says %s · members %s",
                    f.target().label(), top(f.probabilities()), f.membersAgree() ? "agree" : "disagree"),
                    GAP, 20);
            g.setFont(TEXT);
            FontMetrics fm = g.getFontMetrics();
            for (int i = 0; i < tiles.size(); i++) {
                int x = GAP + i * (side + GAP);
                g.drawImage(tiles.get(i), x, HEADER, null);
                String[] lines = captions.get(i);
                for (int l = 0; l < lines.length; l++) {
                    g.setColor(l == 0 ? INK : MUTED);
                    g.drawString(fit(lines[l], fm, side), x, HEADER + side + 14 * (l + 1));
                }
            }
            bars(g, f, GAP + tiles.size() * (side + GAP), HEADER);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Probability bars: the model's as a filled bar, each member's as a tick at its probability. */
    private static void bars(Graphics2D g, FaceExplanation f, int x, int y) {
        float[] p = f.probabilities();
        int row = 22;
        for (Emotion e : Emotion.values()) {
            int top = y + e.ordinal() * row;
            g.setColor(e == f.target() ? INK : MUTED);
            g.setFont(e == f.target() ? TEXT.deriveFont(Font.BOLD) : TEXT);
            g.drawString(e.label(), x, top + 14);
            int bx = x + BAR_LABEL;
            g.setColor(TRACK);
            g.fillRect(bx, top + 4, BAR_LENGTH, 12);
            g.setColor(Annotations.colour(e));
            g.fillRect(bx, top + 4, Math.round(BAR_LENGTH * p[e.ordinal()]), 12);
            g.setColor(INK);
            for (MemberExplanation m : f.members()) {
                int mx = bx + Math.round(BAR_LENGTH * m.probabilities()[e.ordinal()]);
                g.fillRect(mx - 1, top + 1, 2, 18);
            }
            g.setColor(MUTED);
            g.setFont(TEXT);
            g.drawString(String.format(Locale.ROOT, "%.0f%%", 100 * p[e.ordinal()]), bx + BAR_LENGTH + 4, top + 14);
        }
        g.setColor(MUTED);
        g.drawString("bar: model · ticks: members", x, y + Emotion.COUNT * row + 12);
    }

    /**
     * A grid of faces, each as its crop beside its ensemble overlay with a caption, under a title;
     * {@code columns} cells per row, tiles enlarged {@code scale} times by pixel repetition.
     */
    public static BufferedImage gallery(String title, List<Entry> entries, int columns, int scale) {
        if (entries.isEmpty() || columns < 1) {
            throw new IllegalArgumentException("a gallery needs faces and at least one column");
        }
        int side = entries.get(0).face().size() * scale;
        int cellWidth = 2 * side + 4;
        int cellHeight = side + 18;
        int rows = (entries.size() + columns - 1) / columns;
        int cols = Math.min(columns, entries.size());
        BufferedImage out = new BufferedImage(GAP + cols * (cellWidth + GAP), HEADER + rows * (cellHeight + GAP),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(out);
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.setFont(TITLE);
            g.setColor(INK);
            g.drawString(title, GAP, 20);
            g.setFont(TEXT);
            FontMetrics fm = g.getFontMetrics();
            for (int i = 0; i < entries.size(); i++) {
                FaceExplanation f = entries.get(i).face();
                int x = GAP + (i % columns) * (cellWidth + GAP);
                int y = HEADER + (i / columns) * (cellHeight + GAP);
                // drawn at the crop's own resolution and enlarged by pixel repetition: honest for
                // 44-pixel faces, and it keeps a many-face PNG small
                g.drawImage(Overlay.face(f.crop(), f.size(), 1), x, y, side, side, null);
                g.drawImage(Overlay.blend(f.crop(), f.size(), f.ensembleMap(), 1), x + side + 4, y, side, side, null);
                g.setColor(INK);
                g.drawString(fit(entries.get(i).caption(), fm, cellWidth), x, y + side + 14);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Images one under another on white, left-aligned. */
    public static BufferedImage stack(List<BufferedImage> parts) {
        int width = parts.stream().mapToInt(BufferedImage::getWidth).max().orElseThrow();
        int height = parts.stream().mapToInt(BufferedImage::getHeight).sum();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(out);
        try {
            int y = 0;
            for (BufferedImage p : parts) {
                g.drawImage(p, 0, y, null);
                y += p.getHeight();
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        return g;
    }

    private static String top(float[] p) {
        int best = DatasetScorer.argmax(p);
        return String.format(Locale.ROOT, "%s %.0f%%", Emotion.ofIndex(best).label(), 100 * p[best]);
    }

    private static String stages(MemberExplanation m) {
        return String.join(",", m.attention().stream().map(a -> Integer.toString(a.stage())).toList());
    }

    /** {@code text} cut with an ellipsis to fit {@code width} pixels. */
    private static String fit(String text, FontMetrics fm, int width) {
        if (fm.stringWidth(text) <= width) {
            return text;
        }
        String s = text;
        while (!s.isEmpty() && fm.stringWidth(s + "…") > width) {
            s = s.substring(0, s.length() - 1);
        }
        return s + "…";
    }
}
