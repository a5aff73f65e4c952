package io.vodupload.cli.command;

import io.vodupload.cli.options.ObjectFields;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * The OSS object metadata flags of {@code upload} ({@code --content-type}, {@code --meta}, {@code --storage-class},
 * {@code --acl}). Parsing only: {@link #value()} checks them into an immutable {@link ObjectFields}.
 */
public final class ObjectOptions {

    @Option(names = "--content-type", paramLabel = "TYPE",
            description = "The object's Content-Type (default: by the file's extension).")
    String contentType;

    @Option(names = "--meta", paramLabel = "NAME=VALUE",
            description = "User metadata, sent as x-oss-meta-NAME (letters, digits, hyphens; ASCII value). Repeatable.")
    List<String> meta = new ArrayList<>();

    @Option(names = "--storage-class", paramLabel = "CLASS",
            description = "Standard, IA, Archive, ColdArchive or DeepColdArchive (default: the bucket's).")
    String storageClass;

    @Option(names = "--acl", paramLabel = "ACL",
            description = "private, public-read, public-read-write or default (default: default, the bucket's).")
    String acl;

    /**
     * The flags, checked.
     *
     * @throws io.vodupload.cli.CliException (exit 2) naming the first bad value
     */
    public ObjectFields value() {
        return ObjectFields.parse(contentType, meta, storageClass, acl);
    }
}
