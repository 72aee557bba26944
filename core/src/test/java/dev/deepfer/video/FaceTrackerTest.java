package dev.deepfer.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deepfer.face.FaceBox;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The IoU tracker on hand-made boxes. */
class FaceTrackerTest {
    private static FaceBox box(int x, int y, int side) {
        return new FaceBox(x, y, side, side, 1);
    }

    @Test
    void aMovingFaceKeepsItsId() {
        FaceTracker tracker = new FaceTracker();
        for (int i = 0; i < 10; i++) {
            FaceTracker.Update u = tracker.update(List.of(box(100 + 10 * i, 50, 100)));
            assertThat(u.ids()).containsExactly(1);
            assertThat(u.ended()).isEmpty();
        }
    }

    @Test
    void eachDetectionGoesToTheTrackItOverlapsMost() {
        FaceTracker tracker = new FaceTracker();
        assertThat(tracker.update(List.of(box(0, 0, 100), box(300, 0, 100))).ids()).containsExactly(1, 2);
        // reported in the other order, both moved a little: ids follow the boxes, not the order
        assertThat(tracker.update(List.of(box(310, 5, 100), box(10, 5, 100))).ids()).containsExactly(2, 1);
    }

    @Test
    void greedyMatchingPrefersTheHigherOverlap() {
        FaceTracker tracker = new FaceTracker(new TrackerOptions(0.1, 0));
        tracker.update(List.of(box(0, 0, 100), box(60, 0, 100)));
        // the new box overlaps track 2 (IoU 0.82) more than track 1 (IoU 0.33): track 2 takes it,
        // track 1 is left unmatched and, with no missed frame allowed, ends
        FaceTracker.Update u = tracker.update(List.of(box(50, 0, 100)));
        assertThat(u.ids()).containsExactly(2);
        assertThat(u.ended()).containsExactly(1);
    }

    @Test
    void aFaceWithTooLittleOverlapStartsANewTrack() {
        FaceTracker tracker = new FaceTracker(new TrackerOptions(0.3, 5));
        tracker.update(List.of(box(0, 0, 100)));
        // IoU of (0,0,100) and (60,0,100) is 40*100 / (2*10000 - 4000) = 0.25 < 0.3
        FaceTracker.Update u = tracker.update(List.of(box(60, 0, 100)));
        assertThat(u.ids()).containsExactly(2);
        assertThat(tracker.liveIds()).containsExactly(1, 2);
    }

    @Test
    void aTrackSurvivesMissedFramesUpToTheLimitThenEnds() {
        FaceTracker tracker = new FaceTracker(new TrackerOptions(0.3, 2));
        tracker.update(List.of(box(0, 0, 100)));
        assertThat(tracker.update(List.of()).ended()).isEmpty();
        assertThat(tracker.update(List.of()).ended()).isEmpty();
        // seen again within the limit: same id
        assertThat(tracker.update(List.of(box(5, 0, 100))).ids()).containsExactly(1);
        tracker.update(List.of());
        tracker.update(List.of());
        assertThat(tracker.update(List.of()).ended()).containsExactly(1);
        assertThat(tracker.liveIds()).isEmpty();
        // back after the track ended: a new id, ids are never reused
        assertThat(tracker.update(List.of(box(5, 0, 100))).ids()).containsExactly(2);
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> new TrackerOptions(0, 3)).hasMessageContaining("minIou");
        assertThatThrownBy(() -> new TrackerOptions(0.5, -1)).hasMessageContaining("maxMissedFrames");
    }
}
