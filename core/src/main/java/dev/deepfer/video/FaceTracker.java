package dev.deepfer.video;

import dev.deepfer.face.FaceBox;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Gives the faces of successive frames stable ids by overlap: every pair of a live track (its last
 * box) and a new detection with IoU at least {@link TrackerOptions#minIou()} is a candidate, and
 * candidates are taken greedily by descending IoU, so each track and each detection is used once.
 * A detection left over starts a new track (ids count up from 1 and are never reused); a track
 * left over counts a missed frame and ends after {@link TrackerOptions#maxMissedFrames()} of them
 * (on a frame where the whole image was searched: {@link #update(List, boolean)}).
 * No motion model: at video frame rates a face moves a small part of its size between frames.
 * Not thread-safe (one tracker per video).
 */
public final class FaceTracker {
    private final TrackerOptions options;
    private final List<Track> live = new ArrayList<>();
    private int nextId = 1;

    /** A tracker with {@link TrackerOptions#defaults()}. */
    public FaceTracker() {
        this(TrackerOptions.defaults());
    }

    public FaceTracker(TrackerOptions options) {
        this.options = options;
    }

    /** The outcome of one frame. */
    public record Update(List<Integer> ids, List<Integer> ended) {
        /** Copies the lists. */
        public Update {
            ids = List.copyOf(ids);
            ended = List.copyOf(ended);
        }
    }

    /**
     * Assigns a track id to each of this frame's {@code detections}, in their order, and lists the
     * tracks that ended with this frame (the whole frame was searched).
     */
    public Update update(List<FaceBox> detections) {
        return update(detections, true);
    }

    /**
     * As {@link #update(List)}; {@code searched} says whether the whole frame was searched (the
     * detector ran) or only the boxes of {@link #seenBoxes()} were looked at again. A track missed
     * on a frame that was not searched counts the frame but does not end there: it was not looked
     * for, so it ends only on a searched frame, once it has missed more than
     * {@link TrackerOptions#maxMissedFrames()}. With the detector every n frames, a face the detector
     * misses once is thus looked for again n frames later, however large n is.
     */
    public Update update(List<FaceBox> detections, boolean searched) {
        record Pair(int track, int detection, double iou) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (int t = 0; t < live.size(); t++) {
            for (int d = 0; d < detections.size(); d++) {
                double iou = live.get(t).box.iou(detections.get(d));
                if (iou >= options.minIou()) {
                    pairs.add(new Pair(t, d, iou));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::iou).reversed());
        Integer[] ids = new Integer[detections.size()];
        boolean[] trackTaken = new boolean[live.size()];
        for (Pair p : pairs) {
            if (!trackTaken[p.track()] && ids[p.detection()] == null) {
                trackTaken[p.track()] = true;
                Track track = live.get(p.track());
                track.box = detections.get(p.detection());
                track.missed = 0;
                ids[p.detection()] = track.id;
            }
        }
        List<Integer> ended = new ArrayList<>();
        List<Track> kept = new ArrayList<>();
        for (int t = 0; t < live.size(); t++) {
            Track track = live.get(t);
            if (!trackTaken[t] && ++track.missed > options.maxMissedFrames() && searched) {
                ended.add(track.id);
            } else {
                kept.add(track);
            }
        }
        live.clear();
        live.addAll(kept);
        for (int d = 0; d < detections.size(); d++) {
            if (ids[d] == null) {
                Track track = new Track(nextId++, detections.get(d));
                live.add(track);
                ids[d] = track.id;
            }
        }
        return new Update(List.of(ids), ended);
    }

    /** The boxes of the tracks matched in the latest update (seen in the latest frame), by id. */
    public List<FaceBox> seenBoxes() {
        return live.stream().filter(t -> t.missed == 0).sorted(Comparator.comparingInt(t -> t.id))
                .map(t -> t.box).toList();
    }

    /** Ids of the tracks alive now (including those missed for a few frames), oldest first. */
    public List<Integer> liveIds() {
        return live.stream().map(t -> t.id).sorted().toList();
    }

    private static final class Track {
        final int id;
        FaceBox box;
        int missed;

        Track(int id, FaceBox box) {
            this.id = id;
            this.box = box;
        }
    }
}
