package dev.facerec.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Locale;
import java.util.Set;

/**
 * A directory of the current user's own in a shared place such as the temporary directory: {@code <base>/<name>-<user>},
 * created with owner-only permissions, and used only while it is a real directory (no link), owned by the user and
 * writable by nobody else. When another user holds that name, or its permissions were widened, a fresh private
 * directory is made instead (not reused across runs: extraction then happens again).
 */
final class PrivateDirectory {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private PrivateDirectory() {}

    static Path of(Path base, String name) {
        String user =
                System.getProperty("user.name", "user").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "_");
        Path directory = base.resolve(name + "-" + user);
        try {
            create(directory);
            if (isPrivate(directory)) {
                return directory;
            }
            return Files.createTempDirectory(base, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not make a private directory under " + base, e);
        }
    }

    private static void create(Path directory) throws IOException {
        try {
            if (posix(directory.getParent())) {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createDirectory(directory);
            }
        } catch (FileAlreadyExistsException exists) {
            // checked by isPrivate
        }
    }

    /** Whether {@code directory} is a directory (not a link) of the current user that nobody else may write to. */
    static boolean isPrivate(Path directory) throws IOException {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        UserPrincipal me = directory
                .getFileSystem()
                .getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
        if (!me.equals(Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS))) {
            return false;
        }
        if (!posix(directory)) {
            return true;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS);
        return !permissions.contains(PosixFilePermission.GROUP_WRITE)
                && !permissions.contains(PosixFilePermission.OTHERS_WRITE);
    }

    private static boolean posix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }
}
