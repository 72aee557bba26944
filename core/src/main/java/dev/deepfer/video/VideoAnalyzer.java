package dev.deepfer.video;

import dev.deepfer.data.Emotion;
import dev.deepfer.face.FaceBox;
import dev.deepfer.infer.Annotations;
import dev.deepfer.infer.FaceEmotion;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Emotions through a video: every frame is decoded, its faces are recognised (detect, align,
 * classify — {@link FrameRecognizer#of} over {@code EmotionRecognizer}, which runs each call in its
 * own NDManager scope, so nothing native outlives its frame), tracked by {@link FaceTracker} and
 * smoothed per track by {@link Smoothing}; each frame's faces become {@link TimelineRow}s, and a
 * listener sees every frame as it is done (to draw it, write it, report progress). The detector may
 * run on every n-th frame only ({@link VideoOptions#detectEvery()}). One analyzer per video at a
 * time; several analyzers may share a thread-safe recogniser.
 */
public final class VideoAnalyzer {
    private final FrameRecognizer recognizer;
    private final VideoOptions options;

    /** Receives each frame with its tracked faces, in order. */
    @FunctionalInterface
    public interface FrameListener {
        void frame(VideoFrame frame, List<TrackedFace> faces) throws VideoException;
    }

    /** An analyzer calling {@code recognizer} once per frame, as {@code options} say. */
    public VideoAnalyzer(FrameRecognizer recognizer, VideoOptions options) {
        this.recognizer = recognizer;
        this.options = options;
    }

    /** Reads every frame of {@code reader}, calling {@code listener} after each, and returns the timeline. */
    public Timeline analyze(VideoReader reader, FrameListener listener) throws VideoException {
        FaceTracker tracker = new FaceTracker(options.tracking());
        Smoothing smoothing = new Smoothing(options.halfLifeSeconds());
        List<TimelineRow> rows = new ArrayList<>();
        int frames = 0;
        for (Optional<VideoFrame> next = reader.next(); next.isPresent(); next = reader.next()) {
            VideoFrame frame = next.get();
            List<FaceBox> known = tracker.seenBoxes();
            boolean searched = frame.index() % options.detectEvery() == 0 || known.isEmpty();
            // the tracker keeps the boxes as found, not as reported (cut to the image): frames between
            // detections are then aligned from the same box as the frame that found it
            List<FaceBox> boxes = searched ? recognizer.find(frame.image()) : known;
            List<FaceEmotion> faces = recognizer.at(frame.image(), boxes);
            FaceTracker.Update update = tracker.update(boxes, searched);
            update.ended().forEach(smoothing::forget);
            List<TrackedFace> tracked = new ArrayList<>(faces.size());
            for (int i = 0; i < faces.size(); i++) {
                FaceEmotion raw = faces.get(i);
                int id = update.ids().get(i);
                float[] mean = smoothing.observe(id, probabilities(raw), frame.seconds());
                TrackedFace face = new TrackedFace(id, raw, FaceEmotion.of(raw.box(), mean));
                tracked.add(face);
                rows.add(new TimelineRow(frame.index(), frame.seconds(), face));
            }
            frames++;
            listener.frame(frame, tracked);
        }
        return new Timeline(reader.info(), frames, rows);
    }

    /**
     * Analyses the video at {@code input}; when {@code annotated} is given, writes a copy with each
     * face's box, track id, smoothed emotion and bars (same size, rate and frame count), which
     * replaces that file only when the whole video was analysed.
     */
    public Timeline analyze(Path input, Optional<Path> annotated, FrameListener listener) throws VideoException {
        try (VideoReader reader = VideoReader.open(input)) {
            return analyze(reader, annotated, listener);
        }
    }

    /** As {@link #analyze(Path, Optional, FrameListener)} on an open reader. */
    public Timeline analyze(VideoReader reader, Optional<Path> annotated, FrameListener listener)
            throws VideoException {
        if (annotated.isEmpty()) {
            return analyze(reader, listener);
        }
        VideoInfo info = reader.info();
        try (VideoWriter writer = VideoWriter.open(annotated.get(), info.width(), info.height(), info.frameRate())) {
            Timeline timeline = analyze(reader, (frame, faces) -> {
                writer.write(annotate(frame.image(), faces));
                listener.frame(frame, faces);
            });
            writer.finish(); // only a complete analysis replaces the file
            return timeline;
        }
    }

    /** {@code image} with each tracked face's box, {@code #id}, smoothed emotion and bars drawn on a copy. */
    public static BufferedImage annotate(BufferedImage image, List<TrackedFace> faces) {
        return Annotations.draw(image, faces.stream().map(TrackedFace::smoothed).toList(),
                faces.stream().map(f -> "#" + f.trackId()).toList());
    }

    private static float[] probabilities(FaceEmotion face) {
        float[] p = new float[Emotion.COUNT];
        for (Emotion e : Emotion.values()) {
            p[e.ordinal()] = face.probabilities().get(e).floatValue();
        }
        return p;
    }
}
