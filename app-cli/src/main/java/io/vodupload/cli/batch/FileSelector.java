package io.vodupload.cli.batch;

import io.vodupload.cli.CliException;
import io.vodupload.cli.Exit;
import io.vodupload.cli.IoReason;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

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
    /** Skip reason: a FIFO, socket or device found in a directory. */
    public static final String NOT_REGULAR_FILE = "not a regular file";
    /** Skip reason: the local store's directory. */
    public static final String STORE_DIRECTORY = "store directory";
    /** Skip reason: the checkpoint directory. */
    public static final String CHECKPOINT_DIRECTORY = "checkpoint directory";

    /** How many unreadable entries or collisions an error names before it says "and N more". */
    static final int LISTED = 10;

    private final boolean recursive;
    private final List<Glob> includes;
    private final List<Glob> excludes;
    private final boolean includeHidden;
    private final Optional<String> keyPrefix;
    private final Optional<String> key;
    private final List<NeverUpload> neverUpload;
    private final Path workingDir;

    private FileSelector(Builder b) {
        this.recursive = b.recursive;
        this.includes = globs("--include", b.includes);
        this.excludes = globs("--exclude", b.excludes);
        this.includeHidden = b.includeHidden;
        this.keyPrefix = Optional.ofNullable(b.keyPrefix);
        this.key = Optional.ofNullable(b.key);
        this.neverUpload = List.copyOf(b.neverUpload);
        this.workingDir = b.workingDir;
    }

    /** A directory that is never uploaded, and the skip reason that reports it. */
    private record NeverUpload(Path dir, String reason) {
    }

    private static List<Glob> globs(String flag, List<String> globs) {
        List<Glob> compiled = new ArrayList<>();
        for (String g : globs) {
            try {
                compiled.add(Glob.of(g));
            } catch (IllegalArgumentException e) {
                throw CliException.usage(flag + " '" + g + "' is not a glob: " + e.getMessage());
            }
        }
        return List.copyOf(compiled);
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
        if (arguments.isEmpty()) {
            throw CliException.usage("no file to upload: give one or more PATHs");
        }
        Walk walk = new Walk(neverUploadRoots());
        Set<Path> seen = new HashSet<>();
        for (Path argument : arguments) {
            if (seen.add(workingDir.resolve(argument).normalize())) {
                walk.argument(argument);
            }
        }
        return walk.finish();
    }

    /**
     * A never-uploaded directory that exists: its real path, and its file key (device and inode) where the
     * platform has one, which a directory met in the walk is compared with at no extra system call.
     */
    private record Root(Path real, Object fileKey, String reason) {
    }

    /** The directories never uploaded that exist, in the order given. */
    private List<Root> neverUploadRoots() {
        List<Root> roots = new ArrayList<>();
        for (NeverUpload n : neverUpload) {
            try {
                Path real = workingDir.resolve(n.dir()).toRealPath();
                roots.add(new Root(real, Files.readAttributes(real, BasicFileAttributes.class).fileKey(), n.reason()));
            } catch (IOException e) {
                // not there (yet): nothing in it can be selected
            }
        }
        return roots;
    }

    private static String name(Path p) {
        Path f = p.getFileName();
        return f == null ? "" : f.toString();
    }

    private static boolean hidden(Path p) {
        return name(p).startsWith(".");
    }

    /** {@code path} relative to {@code root}, {@code /}-separated whatever the platform's separator. */
    private static String relative(Path root, Path path) {
        StringBuilder b = new StringBuilder();
        for (Path part : root.relativize(path)) {
            if (b.length() > 0) {
                b.append('/');
            }
            b.append(part);
        }
        return b.toString();
    }

    /** A file found, before keys are checked against each other. */
    private record Candidate(SelectedFile file, Object identity, String shown) {
    }

    /** One {@link #select} call's state. */
    private final class Walk {
        private final List<Root> roots;
        private final Map<String, Integer> skipped = new LinkedHashMap<>();
        private final List<Candidate> candidates = new ArrayList<>();
        private final List<String> unreadable = new ArrayList<>();

        Walk(List<Root> roots) {
            this.roots = roots;
            for (String reason : List.of(HIDDEN, SYMLINKED_DIRECTORY, EXCLUDED, NOT_INCLUDED, STORE_DIRECTORY,
                    CHECKPOINT_DIRECTORY, NOT_REGULAR_FILE)) {
                skipped.put(reason, 0);
            }
        }

        void argument(Path argument) {
            Path path = workingDir.resolve(argument).normalize();
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(path, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                if (Files.isSymbolicLink(path)) {
                    unreadable.add(argument + " (a symbolic link to nothing)");
                    return;
                }
                throw new CliException(Exit.USAGE, "FileNotFound", "no such file or directory: " + argument);
            } catch (IOException e) {
                unreadable.add(argument + " (" + reason(e) + ")");
                return;
            }
            Optional<String> inside = insideNeverUpload(path);
            if (inside.isPresent()) {
                skip(inside.get());
                return;
            }
            if (attrs.isDirectory()) {
                if (!recursive) {
                    throw new CliException(Exit.USAGE, "FileIsDirectory", argument + ": is a directory; add --recursive");
                }
                walk(argument, path);
            } else if (attrs.isRegularFile()) {
                consider(path, name(path), attrs, argument.toString());
            } else {
                throw new CliException(Exit.USAGE, "FileNotReadable", "not a regular file: " + argument);
            }
        }

        /** The reason to skip {@code path} when it is a never-uploaded directory or lies in one. */
        private Optional<String> insideNeverUpload(Path path) {
            if (roots.isEmpty()) {
                return Optional.empty();
            }
            Path real;
            try {
                real = path.toRealPath();
            } catch (IOException e) {
                return Optional.empty();
            }
            return roots.stream().filter(r -> real.startsWith(r.real())).map(Root::reason).findFirst();
        }

        /**
         * The reason to skip directory {@code dir} when it is one of the never-uploaded ones.
         *
         * @param fileKey its file key, or null when unknown (then its real path is compared)
         */
        private Optional<String> neverUploadDirectory(Path dir, Object fileKey) {
            if (roots.isEmpty()) {
                return Optional.empty();
            }
            if (fileKey != null && roots.stream().allMatch(r -> r.fileKey() != null)) {
                return roots.stream().filter(r -> fileKey.equals(r.fileKey())).map(Root::reason).findFirst();
            }
            Path real;
            try {
                real = dir.toRealPath();
            } catch (IOException e) {
                return Optional.empty();
            }
            return roots.stream().filter(r -> real.equals(r.real())).map(Root::reason).findFirst();
        }

        private void walk(Path argument, Path root) {
            FileVisitor<Path> visitor = new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(root)) {
                        return FileVisitResult.CONTINUE;
                    }
                    Optional<String> reason = directorySkip(dir, relative(root, dir), attrs.fileKey());
                    if (reason.isPresent()) {
                        skip(reason.get());
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String rel = relative(root, file);
                    if (!includeHidden && hidden(file)) {
                        skip(HIDDEN);
                    } else if (attrs.isSymbolicLink()) {
                        // FOLLOW_LINKS hands over the link's own attributes only when its target is missing
                        if (!excluded(rel)) {
                            unreadable.add(shown(argument, rel) + " (a symbolic link to nothing)");
                        } else {
                            skip(EXCLUDED);
                        }
                    } else if (attrs.isRegularFile()) {
                        consider(file, rel, attrs, shown(argument, rel));
                    } else {
                        skip(NOT_REGULAR_FILE); // a FIFO would block the upload, a device has no end
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (e instanceof FileSystemLoopException) {
                        skip(SYMLINKED_DIRECTORY); // only followed with --include-hidden: a link to an ancestor
                        return FileVisitResult.CONTINUE;
                    }
                    String rel = relative(root, file);
                    boolean directory = Files.isDirectory(file);
                    Optional<String> reason = directory ? directorySkip(file, rel, null)
                            : !includeHidden && hidden(file) ? Optional.of(HIDDEN)
                            : excluded(rel) ? Optional.of(EXCLUDED) : Optional.empty();
                    if (reason.isPresent()) {
                        skip(reason.get());
                    } else {
                        unreadable.add(shown(argument, rel) + " (" + reason(e) + ")");
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    if (e != null) {
                        unreadable.add(shown(argument, relative(root, dir)) + " (" + reason(e) + ")");
                    }
                    return FileVisitResult.CONTINUE;
                }
            };
            try {
                Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, visitor);
            } catch (IOException e) {
                unreadable.add(argument + " (" + reason(e) + ")");
            }
        }

        /** Why a directory below the argument is passed over whole, if it is ({@code fileKey} may be null). */
        private Optional<String> directorySkip(Path dir, String rel, Object fileKey) {
            if (!includeHidden && hidden(dir)) {
                return Optional.of(HIDDEN);
            }
            if (!includeHidden && Files.isSymbolicLink(dir)) {
                return Optional.of(SYMLINKED_DIRECTORY);
            }
            Optional<String> never = neverUploadDirectory(dir, fileKey);
            if (never.isPresent()) {
                return never;
            }
            if (excludes.stream().anyMatch(g -> g.coversDirectory(rel))) {
                return Optional.of(EXCLUDED);
            }
            return Optional.empty();
        }

        private boolean excluded(String rel) {
            return excludes.stream().anyMatch(g -> g.matches(rel));
        }

        private void consider(Path file, String rel, BasicFileAttributes attrs, String shown) {
            if (excluded(rel)) {
                skip(EXCLUDED);
                return;
            }
            if (!includes.isEmpty() && includes.stream().noneMatch(g -> g.matches(rel))) {
                skip(NOT_INCLUDED);
                return;
            }
            if (!Files.isReadable(file)) {
                unreadable.add(shown + " (permission denied)");
                return;
            }
            long modified = attrs.lastModifiedTime().toMillis();
            SelectedFile selected = new SelectedFile(file, keyPrefix.orElse("") + rel, attrs.size(), modified,
                    changeTime(file).orElse(modified));
            Object identity = attrs.fileKey() != null ? attrs.fileKey() : realPath(file);
            candidates.add(new Candidate(selected, identity, shown));
        }

        private void skip(String reason) {
            skipped.merge(reason, 1, Integer::sum);
        }

        Selection finish() {
            if (!unreadable.isEmpty()) {
                throw new CliException(Exit.USAGE, "FileNotReadable", "cannot read " + count(unreadable.size(), "entry",
                        "entries") + ": " + listed(unreadable) + "; fix the permissions or --exclude them");
            }
            Map<String, List<Candidate>> byKey = new TreeMap<>();
            for (Candidate c : candidates) {
                List<Candidate> same = byKey.computeIfAbsent(c.file().key(), k -> new ArrayList<>());
                if (same.stream().noneMatch(o -> o.identity().equals(c.identity()))) {
                    same.add(c); // the same file reached twice under the same key is one file
                }
            }
            List<String> collisions = new ArrayList<>();
            byKey.forEach((k, same) -> {
                if (same.size() > 1) {
                    collisions.add(k + " <- " + String.join(", ", same.stream().map(Candidate::shown).toList()));
                }
            });
            if (!collisions.isEmpty()) {
                throw CliException.usage(count(collisions.size(), "key names", "keys name")
                        + " more than one file: " + listed(collisions)
                        + "; upload the directories in separate commands, each with its own --key-prefix");
            }
            List<SelectedFile> files = new ArrayList<>();
            byKey.values().forEach(same -> files.add(same.get(0).file()));
            Map<String, Integer> reasons = new LinkedHashMap<>();
            skipped.forEach((reason, n) -> {
                if (n > 0) {
                    reasons.put(reason, n);
                }
            });
            if (files.isEmpty()) {
                throw CliException.usage("no file selected" + (reasons.isEmpty() ? "" : " (skipped: "
                        + String.join(", ", reasons.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                        .toList()) + ")"));
            }
            if (key.isPresent()) {
                if (files.size() > 1) {
                    throw CliException.usage("--key names one file, but " + files.size()
                            + " were selected; give --key-prefix instead");
                }
                SelectedFile only = files.get(0);
                files.set(0, new SelectedFile(only.path(), key.get(), only.length(), only.modifiedMillis(),
                        only.changedMillis()));
            }
            return new Selection(files, reasons);
        }
    }

    private static String shown(Path argument, String rel) {
        return rel.isEmpty() ? argument.toString() : argument.resolve(rel).toString();
    }

    /** Why an entry could not be read, without its path (the message names it as the user typed it). */
    private static String reason(IOException e) {
        String text = IoReason.of(e);
        String file = e instanceof FileSystemException f ? f.getFile() : null;
        return file != null && text.endsWith(": " + file) ? text.substring(0, text.length() - file.length() - 2) : text;
    }

    private static Object realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file;
        }
    }

    /** {@code unix:ctime} where the file system has it. */
    static Optional<Long> changeTime(Path file) {
        try {
            Object value = Files.getAttribute(file, "unix:ctime");
            return value instanceof FileTime t ? Optional.of(t.toMillis()) : Optional.empty();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** Up to {@value #LISTED} items, then how many more. */
    private static String listed(List<String> items) {
        if (items.size() <= LISTED) {
            return String.join("; ", items);
        }
        return String.join("; ", items.subList(0, LISTED)) + "; and " + (items.size() - LISTED) + " more";
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

        /**
         * @throws CliException (exit 2) for a malformed glob, or {@code --key} with {@code --key-prefix}
         */
        public FileSelector build() {
            if (key != null && key.isEmpty()) {
                throw CliException.usage("--key is empty");
            }
            if (key != null && keyPrefix != null) {
                throw CliException.usage("--key and --key-prefix both name the key: give one");
            }
            return new FileSelector(this);
        }
    }
}
