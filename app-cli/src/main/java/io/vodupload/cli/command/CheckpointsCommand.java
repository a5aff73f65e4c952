package io.vodupload.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vodupload.cli.CliEnvironment;
import io.vodupload.cli.CliException;
import io.vodupload.cli.Exit;
import io.vodupload.cli.options.ByteSize;
import io.vodupload.cli.output.HumanText;
import io.vodupload.cli.wiring.CheckpointStoreFactory;
import io.vodupload.cli.wiring.LocalStoreFactory;
import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointInUseException;
import io.vodupload.ports.CheckpointStore;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.ObjectStorage;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code vodupload checkpoints list|remove}: the checkpoints of unfinished uploads. Removing one forgets it
 * (the next upload of that file starts over); for the embedded local store it also aborts the upload, so its
 * staged parts go; parts already on an OSS server are left to the bucket's lifecycle rules. A checkpoint
 * another process is uploading with (its lock is held) is kept, and the command says so and exits 1.
 */
@Command(name = "checkpoints", mixinStandardHelpOptions = true,
        description = "List or remove the checkpoints of unfinished uploads.",
        subcommands = {CheckpointsCommand.ListCommand.class, CheckpointsCommand.RemoveCommand.class})
public final class CheckpointsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: give list or remove");
    }

    /** {@code checkpoints list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the checkpoints.")
    public static final class ListCommand implements Callable<Integer> {

        @Mixin
        CheckpointDirOption dir;

        @Mixin
        GlobalOptions global;

        private final CliEnvironment env;
        // providers: the wiring behind them is built when the command runs, not for --help or a usage error
        private final Provider<CheckpointStoreFactory> stores;
        private final Provider<ObjectMapper> mapper;

        @Inject
        ListCommand(CliEnvironment env, Provider<CheckpointStoreFactory> stores, Provider<ObjectMapper> mapper) {
            this.env = env;
            this.stores = stores;
            this.mapper = mapper;
        }

        @Override
        public Integer call() throws Exception {
            Path directory = dir.resolve(env);
            List<Checkpoint> all = new ArrayList<>(stores.get().open(directory).list());
            all.sort(Comparator.comparing(Checkpoint::updatedAt).reversed());
            for (Checkpoint c : all) {
                if (global.json()) {
                    env.out().println(mapper.get().writeValueAsString(CheckpointJson.of(mapper.get(), c)));
                } else {
                    env.out().println(c.fingerprint() + "  " + HumanText.escape(String.valueOf(c.file())) + " -> "
                            + HumanText.escape(c.target().displayName())
                            + "  " + c.parts().size() + " parts done (" + ByteSize.format(c.bytesDone()) + " of "
                            + ByteSize.format(c.fileLength()) + ")  updated " + c.updatedAt());
                }
            }
            if (all.isEmpty() && !global.json() && !global.quiet()) {
                env.err().println("vodupload: no checkpoints in " + HumanText.escape(String.valueOf(directory)));
            }
            env.out().flush();
            return Exit.OK;
        }
    }

    /**
     * One checkpoint as a JSON object for {@code checkpoints list --json}. A class of its own: picocli reads
     * every method of a command class, and a Jackson type in one would load Jackson for {@code --help}.
     */
    static final class CheckpointJson {

        private CheckpointJson() {
        }

        static ObjectNode of(ObjectMapper mapper, Checkpoint c) {
            ObjectNode n = mapper.createObjectNode();
            n.put("fingerprint", c.fingerprint());
            n.put("file", c.file().toString());
            n.put("fileLength", c.fileLength());
            n.put("endpoint", c.target().endpoint().toString());
            n.put("bucket", c.target().bucket());
            n.put("key", c.target().key());
            n.put("uploadId", c.uploadId());
            n.put("partSize", c.partSize());
            n.put("partsDone", c.parts().size());
            n.put("bytesDone", c.bytesDone());
            n.put("updatedAt", c.updatedAt().toString());
            return n;
        }
    }

    /** {@code checkpoints remove FINGERPRINT... | --file FILE | --all}. */
    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove checkpoints by fingerprint (or a unique prefix of one), by file, or all.")
    public static final class RemoveCommand implements Callable<Integer> {

        @Parameters(paramLabel = "FINGERPRINT", arity = "0..*", description = "Fingerprints, or unique prefixes of them.")
        List<String> fingerprints = new ArrayList<>();

        @Option(names = "--file", paramLabel = "FILE", description = "Remove the checkpoints of this file.")
        Path file;

        @Option(names = "--all", description = "Remove every checkpoint.")
        boolean all;

        @Mixin
        CheckpointDirOption dir;

        @Mixin
        GlobalOptions global;

        private final CliEnvironment env;
        // providers: the wiring behind them is built when the command runs, not for --help or a usage error
        private final Provider<CheckpointStoreFactory> stores;
        private final Provider<LocalStoreFactory> localStores;

        @Inject
        RemoveCommand(CliEnvironment env, Provider<CheckpointStoreFactory> stores, Provider<LocalStoreFactory> localStores) {
            this.env = env;
            this.stores = stores;
            this.localStores = localStores;
        }

        @Override
        @SuppressWarnings("try") // the lease is held for the block's duration, never read
        public Integer call() {
            int ways = (fingerprints.isEmpty() ? 0 : 1) + (file != null ? 1 : 0) + (all ? 1 : 0);
            if (ways != 1) {
                throw CliException.usage("give exactly one of: FINGERPRINT..., --file FILE, --all");
            }
            CheckpointStore store = stores.get().open(dir.resolve(env));
            List<Checkpoint> existing = store.list();
            Set<String> doomed = new LinkedHashSet<>();
            if (all) {
                existing.forEach(c -> doomed.add(c.fingerprint()));
            } else if (file != null) {
                Path wanted = canonical(env.resolve(file));
                existing.stream().filter(c -> canonical(c.file()).equals(wanted))
                        .forEach(c -> doomed.add(c.fingerprint()));
                if (doomed.isEmpty()) {
                    throw CliException.usage("no checkpoint for file: " + wanted);
                }
            } else {
                for (String prefix : fingerprints) {
                    List<String> matches = existing.stream().map(Checkpoint::fingerprint)
                            .filter(f -> f.startsWith(prefix.trim())).toList();
                    if (matches.isEmpty()) {
                        throw CliException.usage("no checkpoint matches '" + prefix + "'");
                    }
                    if (matches.size() > 1) {
                        throw CliException.usage("'" + prefix + "' matches " + matches.size()
                                + " checkpoints; give more of the fingerprint");
                    }
                    doomed.add(matches.get(0));
                }
            }
            int removed = 0;
            List<String> inUse = new ArrayList<>();
            for (Checkpoint c : existing) {
                if (!doomed.contains(c.fingerprint())) {
                    continue;
                }
                // a checkpoint another process is uploading with is its upload: never pulled from under it
                try (CheckpointStore.Lease ignored = store.tryLock(c.fingerprint(), "vodupload checkpoints remove")) {
                    abortStaged(c);
                    store.remove(c.fingerprint());
                    removed++;
                } catch (CheckpointInUseException e) {
                    inUse.add(c.fingerprint() + " (in use by " + e.holder() + ")");
                } catch (java.io.UncheckedIOException e) {
                    abortStaged(c);
                    store.remove(c.fingerprint());
                    removed++;
                }
            }
            if (!global.quiet()) {
                env.err().println("vodupload: removed " + removed + " checkpoint" + (removed == 1 ? "" : "s"));
            }
            if (!inUse.isEmpty()) {
                throw new CliException(Exit.FAILED, "UploadInProgress", "kept " + inUse.size() + " checkpoint"
                        + (inUse.size() == 1 ? "" : "s") + " another process is uploading with right now: "
                        + String.join(", ", inUse));
            }
            return Exit.OK;
        }

        /**
         * Aborts the upload a removed checkpoint abandons when it is in an embedded local store, so its
         * staged parts go too. OSS uploads are left to the bucket's lifecycle rules: this command has no
         * credentials.
         */
        private void abortStaged(Checkpoint c) {
            if (!"file".equalsIgnoreCase(c.target().endpoint().getScheme())) {
                return;
            }
            try {
                Path root = Path.of(c.target().endpoint());
                if (!Files.isDirectory(root)) {
                    return;
                }
                LocalStoreFactory.LocalStore local = localStores.get().open(root);
                try (ObjectStorage storage = local.storage()) {
                    storage.abortMultipart(c.target(), Credentials.of("local", "unused"), c.uploadId());
                }
            } catch (RuntimeException e) {
                env.err().println("vodupload: warning: could not abort the staged parts of checkpoint "
                        + c.fingerprint() + " (" + e.getClass().getSimpleName() + ")");
            }
        }

        private static Path canonical(Path p) {
            try {
                return p.toRealPath();
            } catch (java.io.IOException e) {
                return p.toAbsolutePath().normalize();
            }
        }
    }

}
