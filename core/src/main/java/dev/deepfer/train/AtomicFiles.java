package dev.deepfer.train;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Writes a file through a temporary sibling and an atomic rename, so a kill at any moment leaves
 * either the old file or the new one, never half of one. The temporary file is synced to the disk
 * before the rename (so a power loss after it cannot leave the new name on unwritten data) and the
 * folder after it; the temporary file is removed when writing fails, and one a crashed writer left
 * behind is replaced. A file it replaces keeps its permissions.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes what {@code body} produces. */
    public interface Body {
        void writeTo(DataOutputStream out) throws IOException;
    }

    public static void write(Path target, Body body) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp); // a crashed writer's, perhaps another user's that this one may not open
            try (FileOutputStream file = new FileOutputStream(tmp.toFile());
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(file))) {
                body.writeTo(out);
                out.flush();
                file.getFD().sync();
            }
            keepPermissions(target, tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(target.toAbsolutePath().getParent());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /**
     * Syncs the folder's entries, so the rename survives a power loss too (else the old file may
     * come back: safe, but an epoch of training lost). Where a folder cannot be opened or synced
     * (some file systems, other systems), the rename stands without it.
     */
    private static void syncDirectory(Path dir) {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(dir,
                java.nio.file.StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort: the data itself was synced before the rename
        }
    }

    /**
     * A replaced file keeps its permissions and group (a manifest a group may rewrite stays
     * writable by that group) rather than taking the writer's umask and primary group.
     */
    private static void keepPermissions(Path target, Path tmp) throws IOException {
        if (Files.exists(target)) {
            shareAccess(target, tmp, false);
        }
    }

    /**
     * Gives {@code to} the POSIX permissions and group of {@code from}, plus owner read and write
     * when {@code ownerWrites}. The group is changed only where the writer may (it belongs to the
     * group); file systems without POSIX attributes are left alone.
     */
    public static void shareAccess(Path from, Path to, boolean ownerWrites) throws IOException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(from, PosixFileAttributes.class);
        } catch (UnsupportedOperationException e) {
            return;
        }
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        permissions.addAll(attributes.permissions());
        if (ownerWrites) {
            permissions.add(PosixFilePermission.OWNER_READ);
            permissions.add(PosixFilePermission.OWNER_WRITE);
        }
        PosixFileAttributeView view = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        try {
            view.setGroup(attributes.group());
        } catch (IOException e) {
            // not a member of that group: the mode still applies to the writer's own group
        }
        view.setPermissions(permissions);
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Writes {@code text} as UTF-8. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }
}
