package dev.deepfer.train;

import dev.deepfer.data.Emotion;
import dev.deepfer.data.FaceDataset;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A teacher's class probabilities for every training face, computed once per run and kept in the
 * run directory ({@code teacher-probs.bin}: magic, the teacher's name, the SHA-256 of the faces
 * and labels, face count, class count, then the rows as big-endian floats), so a resumed run
 * distils from exactly the same targets without running the teacher again, and a run started
 * afresh in the same directory with another teacher or other faces (another seed's sample of the
 * same size) does not.
 */
public final class TeacherTargets {
    /** Computes the teacher's probabilities {@code [faces][classes]} of a data set, in its order. */
    @FunctionalInterface
    public interface Teacher {
        float[][] probabilities(FaceDataset faces) throws IOException;
    }

    /** What {@code teacher-probs.bin} holds: whose targets, for which faces, one row per face. */
    record Cached(String teacher, String faces, float[][] rows) {}

    static final String FILE_NAME = "teacher-probs.bin";
    private static final int MAGIC = 0x44465433; // "DFT3"; "DFT2" files had no fingerprint of the faces

    private TeacherTargets() {
    }

    /**
     * The cached targets of {@code dir} when they are {@code name}'s and cover {@code faces},
     * otherwise the teacher's, checked and written atomically before they are returned.
     */
    static float[][] loadOrCompute(Path dir, FaceDataset faces, String name, Teacher teacher) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        String fingerprint = fingerprint(faces);
        if (Files.exists(file)) {
            Cached cached = read(file);
            if (cached.teacher().equals(name) && cached.faces().equals(fingerprint)) {
                return cached.rows();
            }
        }
        if (teacher == null) {
            throw new IllegalArgumentException("this run distils from a teacher but none was given, and " + file
                    + " does not hold its targets");
        }
        float[][] computed = check(teacher.probabilities(faces), faces.count(), "the teacher");
        AtomicFiles.write(file, toBytes(name, fingerprint, computed));
        return computed;
    }

    /** Hex SHA-256 of the faces' size, pixels and labels, in order. */
    static String fingerprint(FaceDataset faces) {
        try {
            java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
            d.update(java.nio.ByteBuffer.allocate(8).putInt(faces.count()).putInt(faces.imageSize()).array());
            byte[] labels = new byte[faces.count()];
            for (int i = 0; i < faces.count(); i++) {
                d.update(faces.image(i));
                labels[i] = (byte) faces.label(i);
            }
            d.update(labels);
            return java.util.HexFormat.of().formatHex(d.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Cached read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file);
             DataInputStream data = new DataInputStream(new java.io.BufferedInputStream(in))) {
            if (data.readInt() != MAGIC) {
                throw new IOException(file + " is not a teacher-targets file");
            }
            String teacher = data.readUTF();
            String faces = data.readUTF();
            int n = data.readInt();
            int classes = data.readInt();
            if (n < 0 || classes != Emotion.COUNT) {
                throw new IOException(file + " holds " + n + " rows of " + classes + " classes; expected "
                        + Emotion.COUNT);
            }
            float[][] rows = new float[n][classes];
            for (float[] row : rows) {
                for (int c = 0; c < classes; c++) {
                    row[c] = data.readFloat();
                }
            }
            return new Cached(teacher, faces, check(rows, n, file.toString()));
        } catch (java.io.EOFException e) {
            throw new IOException(file + " is truncated", e);
        }
    }

    private static byte[] toBytes(String teacher, String faces, float[][] rows) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(12 + rows.length * Emotion.COUNT * 4);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeUTF(teacher);
            out.writeUTF(faces);
            out.writeInt(rows.length);
            out.writeInt(Emotion.COUNT);
            for (float[] row : rows) {
                for (float p : row) {
                    out.writeFloat(p);
                }
            }
        }
        return bytes.toByteArray();
    }

    /** Every row a probability distribution over the seven emotions, one row per face. */
    private static float[][] check(float[][] rows, int faces, String source) throws IOException {
        if (rows.length != faces) {
            throw new IOException(source + " gave " + rows.length + " rows for " + faces + " faces");
        }
        for (int i = 0; i < rows.length; i++) {
            double sum = 0;
            if (rows[i].length != Emotion.COUNT) {
                throw new IOException(source + " row " + i + " has " + rows[i].length + " classes, not " + Emotion.COUNT);
            }
            for (float p : rows[i]) {
                if (!(p >= 0 && p <= 1)) {
                    throw new IOException(source + " row " + i + " holds " + p + ", not a probability");
                }
                sum += p;
            }
            if (Math.abs(sum - 1) > 1e-3) {
                throw new IOException(source + " row " + i + " sums to " + sum + ", not 1");
            }
        }
        return rows;
    }
}
