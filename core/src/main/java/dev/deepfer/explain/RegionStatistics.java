package dev.deepfer.explain;

import dev.deepfer.data.Emotion;

import java.util.List;
import java.util.Locale;

/**
 * Where explanations put their mass, per true emotion: the mean share of each Grad-CAM map (the
 * ensemble's and each member's) inside a {@link FaceRegion}, next to the share a uniform map would
 * put there. A share well above the uniform one means the maps look at the face's features rather
 * than at hair or background. All-zero maps (no evidence for the target) have no share and are
 * counted apart.
 */
public final class RegionStatistics {
    private final FaceRegion region;
    private final int faceSize;
    private final List<String> members;
    private final int[] faces = new int[Emotion.COUNT + 1];
    private final int[] correct = new int[Emotion.COUNT + 1];
    private final double[][] sums;
    private final int[][] counted;
    private int mapSize;

    /**
     * @param region   the box
     * @param faceSize side of the aligned faces the maps' crops were cut from
     * @param members  member names, in the explanations' order
     */
    public RegionStatistics(FaceRegion region, int faceSize, List<String> members) {
        this.region = region;
        this.faceSize = faceSize;
        this.members = List.copyOf(members);
        this.sums = new double[Emotion.COUNT + 1][members.size() + 1];
        this.counted = new int[Emotion.COUNT + 1][members.size() + 1];
    }

    /** Adds one explained face whose true emotion is {@code truth}. */
    public void add(FaceExplanation f, Emotion truth) {
        mapSize = f.size();
        for (int row : new int[] {truth.ordinal(), Emotion.COUNT}) {
            faces[row]++;
            if (f.predicted() == truth) {
                correct[row]++;
            }
            addShare(row, 0, f.ensembleMap());
            for (int m = 0; m < f.members().size(); m++) {
                addShare(row, m + 1, f.members().get(m).gradCam());
            }
        }
    }

    private void addShare(int row, int column, HeatMap map) {
        double share = region.massFraction(map, faceSize);
        if (!Double.isNaN(share)) {
            sums[row][column] += share;
            counted[row][column]++;
        }
    }

    /** The share a uniform map puts in the region. */
    public double uniformShare() {
        return region.uniformFraction(mapSize, faceSize);
    }

    /** Mean share of the ensemble map ({@code column 0}) or member {@code column - 1}; NaN if none. */
    public double meanShare(Emotion emotion, int column) {
        int row = emotion == null ? Emotion.COUNT : emotion.ordinal();
        return counted[row][column] == 0 ? Double.NaN : sums[row][column] / counted[row][column];
    }

    /**
     * A Markdown table: one row per emotion and one for all faces; columns faces, accuracy, the
     * ensemble's and each member's mean share, the uniform share and the ensemble's ratio to it.
     */
    public String markdown() {
        StringBuilder out = new StringBuilder("| true emotion | faces | accuracy | ensemble in box |");
        members.forEach(m -> out.append(' ').append(m).append(" in box |"));
        out.append(" uniform map | ensemble / uniform |\n|---|---:|---:|---:|");
        members.forEach(m -> out.append("---:|"));
        out.append("---:|---:|\n");
        for (int row = 0; row <= Emotion.COUNT; row++) {
            if (faces[row] == 0) {
                continue;
            }
            Emotion e = row == Emotion.COUNT ? null : Emotion.ofIndex(row);
            out.append(String.format(Locale.ROOT, "| %s | %d | %.1f%% |", e == null ? "**all**" : e.label(),
                    faces[row], 100.0 * correct[row] / faces[row]));
            for (int c = 0; c <= members.size(); c++) {
                out.append(String.format(Locale.ROOT, " %.1f%% |", 100 * meanShare(e, c)));
            }
            out.append(String.format(Locale.ROOT, " %.1f%% | %.2f |%n", 100 * uniformShare(),
                    meanShare(e, 0) / uniformShare()));
        }
        return out.toString();
    }
}
