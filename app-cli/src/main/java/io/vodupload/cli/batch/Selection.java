package io.vodupload.cli.batch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link FileSelector#select} found: the files to upload, sorted by key, and what it passed over.
 *
 * @param files   the selected files, sorted by key (so two runs over the same tree list them alike)
 * @param skipped reason → how many entries were passed over for it, in the order the reasons are listed in
 *                {@link FileSelector}: {@value FileSelector#HIDDEN}, {@value FileSelector#SYMLINKED_DIRECTORY},
 *                {@value FileSelector#EXCLUDED}, {@value FileSelector#NOT_INCLUDED},
 *                {@value FileSelector#STORE_DIRECTORY}, {@value FileSelector#CHECKPOINT_DIRECTORY}, {@value FileSelector#NOT_REGULAR_FILE}; only reasons
 *                that occurred. A skipped directory counts once, not once per file in it.
 */
public record Selection(List<SelectedFile> files, Map<String, Integer> skipped) {

    public Selection {
        files = List.copyOf(files);
        skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    }

    /** How many entries were skipped, for every reason together. */
    public int skippedCount() {
        return skipped.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The total length of the selected files, in bytes. */
    public long bytes() {
        return files.stream().mapToLong(SelectedFile::length).sum();
    }
}
