package dev.deepfer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deepfer.data.Emotion;
import dev.deepfer.data.FaceDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TeacherTargets}: computed once, cached in the run directory, checked on the way in and out. */
class TeacherTargetsTest {
    @TempDir
    Path dir;

    /** Row i puts 0.4 on class i mod 7 and 0.1 on every other class. */
    static float[][] targets(FaceDataset faces) {
        float[][] rows = new float[faces.count()][Emotion.COUNT];
        for (int i = 0; i < rows.length; i++) {
            java.util.Arrays.fill(rows[i], 0.1f);
            rows[i][i % Emotion.COUNT] = 0.4f;
        }
        return rows;
    }

    @Test
    void theTeacherRunsOnceAndItsTargetsComeBackFromTheRunDirectory() throws IOException {
        FaceDataset faces = TrainingRunTest.synthetic(10, 1);
        AtomicInteger calls = new AtomicInteger();
        TeacherTargets.Teacher teacher = f -> {
            calls.incrementAndGet();
            return targets(f);
        };

        float[][] first = TeacherTargets.loadOrCompute(dir, faces, "t", teacher);
        float[][] again = TeacherTargets.loadOrCompute(dir, faces, "t", teacher);
        float[][] withoutTeacher = TeacherTargets.loadOrCompute(dir, faces, "t", null);

        assertThat(calls).hasValue(1);
        assertThat(again).isDeepEqualTo(first).isDeepEqualTo(targets(faces));
        assertThat(withoutTeacher).isDeepEqualTo(first);
        assertThat(Files.size(dir.resolve(TeacherTargets.FILE_NAME)))
                .as("magic, name \"t\", the faces' SHA-256 in hex, count, classes, rows")
                .isEqualTo(4 + 3 + 66 + 8 + 10 * 7 * 4);
        assertThat(TeacherTargets.read(dir.resolve(TeacherTargets.FILE_NAME)).teacher()).isEqualTo("t");
    }

    @Test
    void targetsOfAnotherDataSetOrTeacherAreComputedAgain() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        TeacherTargets.Teacher teacher = f -> {
            calls.incrementAndGet();
            return targets(f);
        };
        TeacherTargets.loadOrCompute(dir, TrainingRunTest.synthetic(10, 1), "t", teacher);
        assertThat(TeacherTargets.loadOrCompute(dir, TrainingRunTest.synthetic(12, 1), "t", teacher)).hasNumberOfRows(12);
        assertThat(calls).hasValue(2);
        assertThat(TeacherTargets.loadOrCompute(dir, TrainingRunTest.synthetic(12, 2), "t", teacher))
                .as("another sample of the same size").hasNumberOfRows(12);
        assertThat(calls).as("the cached targets of the first sample are not reused").hasValue(3);
        assertThatThrownBy(() -> TeacherTargets.loadOrCompute(dir, TrainingRunTest.synthetic(12, 1), "t", null))
                .as("nor without a teacher").hasMessageContaining("does not hold its targets");

        float[][] other = TeacherTargets.loadOrCompute(dir, TrainingRunTest.synthetic(12, 1), "another teacher", f -> {
            calls.incrementAndGet();
            float[][] rows = new float[f.count()][Emotion.COUNT];
            for (float[] row : rows) {
                java.util.Arrays.fill(row, 1f / Emotion.COUNT);
            }
            return rows;
        });
        assertThat(calls).as("another teacher's targets are not reused").hasValue(4);
        assertThat(other[0][0]).isEqualTo(1f / Emotion.COUNT);
    }

    @Test
    void badTeachersAndDamagedFilesAreNamed() throws IOException {
        FaceDataset faces = TrainingRunTest.synthetic(10, 1);
        assertThatThrownBy(() -> TeacherTargets.loadOrCompute(dir, faces, "t", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("none was given");
        assertThatThrownBy(() -> TeacherTargets.loadOrCompute(dir, faces, "t", f -> new float[9][7]))
                .hasMessageContaining("9 rows for 10 faces");
        assertThatThrownBy(() -> TeacherTargets.loadOrCompute(dir, faces, "t", f -> {
            float[][] rows = targets(f);
            rows[3][0] = Float.NaN;
            return rows;
        })).hasMessageContaining("row 3 holds NaN");
        assertThatThrownBy(() -> TeacherTargets.loadOrCompute(dir, faces, "t", f -> {
            float[][] rows = targets(f);
            rows[5][1] += 0.2f;
            return rows;
        })).hasMessageContaining("row 5 sums to 1.2");
        assertThat(dir.resolve(TeacherTargets.FILE_NAME)).as("nothing bad is cached").doesNotExist();

        TeacherTargets.loadOrCompute(dir, faces, "t", TeacherTargetsTest::targets);
        Path file = dir.resolve(TeacherTargets.FILE_NAME);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 6));
        assertThatThrownBy(() -> TeacherTargets.read(file)).isInstanceOf(IOException.class).hasMessageContaining("truncated");
        Files.writeString(file, "not a targets file");
        assertThatThrownBy(() -> TeacherTargets.read(file)).hasMessageContaining("not a teacher-targets file");
    }
}
