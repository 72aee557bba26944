package dev.deepfer.infer;

import dev.deepfer.train.AtomicFiles;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Read-modify-write of a bundle's manifest that loses no other writer's change: two
 * {@code evaluate --record} runs on one bundle (two processes, or two loaded copies in one) each
 * add their metric to what is on disk when they write, not to what they loaded minutes earlier.
 * Writers of one bundle directory take an exclusive lock on its {@value #LOCK_FILE} (an empty file,
 * harmless when left behind) and, inside the JVM, a lock on this class; the manifest is then
 * re-read, changed and written atomically under them, so the fixed temporary name of
 * {@link AtomicFiles} is never shared either.
 *
 * <p>A change is refused when the manifest on disk no longer describes the model that was loaded
 * (its weights' hash, members, fusion or temperature differ): a metric measured on one model must
 * not be filed under another.
 */
final class ManifestUpdate {
    static final String LOCK_FILE = ".manifest.lock";

    private ManifestUpdate() {
    }

    /**
     * Applies {@code change} to the manifest file {@code file} as it is on disk now and writes the
     * result atomically.
     *
     * @param identity what must be equal between {@code loaded} and the disk copy for the change to apply
     * @return the manifest written
     */
    static <M> M apply(Path file, Class<M> type, M loaded, Function<M, ?> identity, UnaryOperator<M> change)
            throws IOException {
        return apply(file, type, loaded, identity, () -> { }, change);
    }

    /** What else must still be as loaded, checked under the lock (an ensemble's members' manifests). */
    @FunctionalInterface
    interface Check {
        void verify() throws IOException;
    }

    /** As {@link #apply(Path, Class, Object, Function, UnaryOperator)}, running {@code alsoUnchanged} under the lock first. */
    static <M> M apply(Path file, Class<M> type, M loaded, Function<M, ?> identity, Check alsoUnchanged,
                       UnaryOperator<M> change) throws IOException {
        Path lockFile = file.resolveSibling(LOCK_FILE);
        synchronized (ManifestUpdate.class) { // FileLock is per process: threads of one JVM would overlap
            try (FileChannel channel = open(lockFile, file); FileLock ignored = lock(channel, lockFile)) {
                M current = ModelBundle.JSON.readValue(file.toFile(), type);
                if (!Objects.equals(identity.apply(current), identity.apply(loaded))) {
                    throw new IOException(file + " changed since the model was loaded (now " + identity.apply(current)
                            + ", loaded " + identity.apply(loaded) + "): not recording into it");
                }
                alsoUnchanged.verify();
                M next = change.apply(current);
                AtomicFiles.write(file, ModelBundle.JSON.writeValueAsBytes(next));
                return next;
            }
        }
    }

    /**
     * Opens the lock file with the manifest's permissions and group, plus owner read and write:
     * whoever may rewrite the manifest (say, a group sharing the bundle) must be able to take the
     * lock too, which a lock file left at the first writer's umask (usually owner-only write) would
     * forbid. A lock file this user owns is brought up to date (one an older version left at 0644
     * included); another user's is left as it is.
     */
    private static FileChannel open(Path lockFile, Path manifest) throws IOException {
        if (!Files.exists(manifest)) {
            throw new java.nio.file.NoSuchFileException(manifest.toString(), null, "the manifest to record into is gone");
        }
        try {
            try {
                Files.createFile(lockFile);
            } catch (FileAlreadyExistsException e) {
                // made earlier, or by another writer just now
            }
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
            try {
                AtomicFiles.shareAccess(manifest, lockFile, true);
            } catch (IOException e) {
                // another user's lock file: its owner decides its permissions
            }
            return channel;
        } catch (IOException e) { // AccessDeniedException's message is the bare path
            throw new IOException("cannot write in " + lockFile.getParent() + " to record into its manifest ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    private static FileLock lock(FileChannel channel, Path lockFile) throws IOException {
        try {
            return channel.lock();
        } catch (IOException e) { // e.g. a network file system without locking
            throw new IOException("cannot lock " + lockFile + " to record into the manifest beside it ("
                    + e.getMessage() + ")", e);
        }
    }
}
