package io.vodupload.cli.batch;

import io.vodupload.cli.CliException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses the files of {@code vodupload upload PATH...} and the object key of each (docs/cli.md, "Selecting
 * files"). Immutable and thread-safe once built; {@link #select} reads the file system and nothing else.
 */
public final class FileSelector {

    /** Skip reason: a file or directory whose name starts with {@code .}, without {@code --include-hidden}. */
    public static final String HIDDEN = "hidden";
    /** Skip reason: a symbolic link to a directory, without {@code --include-hidden}. */
    public static final String SYMLINKED_DIRECTORY = "symlinked directory";
    /** Skip reason: an {@code --exclude} glob matched. */
    public static final String EXCLUDED = "excluded";
    /** Skip reason: {@code --include} globs were given and none matched. */
    public static final String NOT_INCLUDED = "not included";
    /** Skip reason: the local store's directory. */
    public static final String STORE_DIRECTORY = "store directory";
    /** Skip reason: the checkpoint directory. */
    public static final String CHECKPOINT_DIRECTORY = "checkpoint directory";

    private final boolean recursive;
    private final List<String> includes;
    private final List<String> excludes;
    private final boolean includeHidden;
    private final Optional<String> keyPrefix;
    private final Optional<String> key;
    private final List<NeverUpload> neverUpload;
    private final Path workingDir;

    private FileSelector(Builder b) {
        this.recursive = b.recursive;
        this.includes = List.copyOf(b.includes);
        this.excludes = List.copyOf(b.excludes);
        this.includeHidden = b.includeHidden;
        this.keyPrefix = Optional.ofNullable(b.keyPrefix);
        this.key = Optional.ofNullable(b.key);
        this.neverUpload = List.copyOf(b.neverUpload);
        this.workingDir = b.workingDir;
    }

    /** A directory that is never uploaded, and the skip reason that reports it. */
    private record NeverUpload(Path dir, String reason) {
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The files the arguments name, sorted by key.
     *
     * @param arguments the PATH arguments as typed; relative ones resolve against the working directory
     * @throws CliException (exit 2) for a missing path, a directory without {@code --recursive}, an unreadable
     *                      file or directory, {@code --key} with other than one file, two sources with one key,
     *                      or no file at all
     */
    public Selection select(List<Path> arguments) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The options of a {@link FileSelector}; not thread-safe. */
    public static final class Builder {
        private boolean recursive;
        private final List<String> includes = new ArrayList<>();
        private final List<String> excludes = new ArrayList<>();
        private boolean includeHidden;
        private String keyPrefix;
        private String key;
        private final List<NeverUpload> neverUpload = new ArrayList<>();
        private Path workingDir = Path.of("").toAbsolutePath();

        private Builder() {
        }

        /** {@code -r}/{@code --recursive}: directory arguments are walked (without it they are refused). */
        public Builder recursive(boolean recursive) {
            this.recursive = recursive;
            return this;
        }

        /** {@code --include GLOB}, repeatable: with any, only files one of them matches are selected. */
        public Builder include(String glob) {
            includes.add(Objects.requireNonNull(glob, "glob"));
            return this;
        }

        /** {@code --exclude GLOB}, repeatable: files one of them matches are skipped, even when included. */
        public Builder exclude(String glob) {
            excludes.add(Objects.requireNonNull(glob, "glob"));
            return this;
        }

        /** {@code --include-hidden}: hidden entries and symbolic links to directories are walked too. */
        public Builder includeHidden(boolean includeHidden) {
            this.includeHidden = includeHidden;
            return this;
        }

        /** {@code --key-prefix P}, literal ({@code photos} + {@code a.jpg} = {@code photosa.jpg}); null for none. */
        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
            return this;
        }

        /** {@code --key K}: the key of the one selected file; null for none. */
        public Builder key(String key) {
            this.key = key;
            return this;
        }

        /** The local store's directory: never uploaded; reported as {@value #STORE_DIRECTORY}. */
        public Builder storeDirectory(Path dir) {
            return neverUpload(dir, STORE_DIRECTORY);
        }

        /** The checkpoint directory: never uploaded; reported as {@value #CHECKPOINT_DIRECTORY}. */
        public Builder checkpointDirectory(Path dir) {
            return neverUpload(dir, CHECKPOINT_DIRECTORY);
        }

        /** A directory never uploaded, as {@link #storeDirectory}. */
        public Builder neverUpload(Path dir) {
            return neverUpload(dir, STORE_DIRECTORY);
        }

        /**
         * A directory never uploaded, nor anything in it, reported as {@code reason}. Compared by real path,
         * so another spelling or a symbolic link to it is skipped too; a directory that does not exist is
         * ignored. Repeatable.
         */
        public Builder neverUpload(Path dir, String reason) {
            neverUpload.add(new NeverUpload(Objects.requireNonNull(dir, "dir"), Objects.requireNonNull(reason, "reason")));
            return this;
        }

        /** The directory relative arguments resolve against (default: the process's). */
        public Builder workingDirectory(Path dir) {
            this.workingDir = dir.toAbsolutePath().normalize();
            return this;
        }

        public FileSelector build() {
            return new FileSelector(this);
        }
    }
}
