package io.vodupload.cli.output;

import picocli.CommandLine;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Words picocli's parse errors as one plain line: a mistyped command gets a suggestion
 * ({@code unknown command 'uplaod'; did you mean 'upload'?}), an unknown option is named alone, with a
 * suggestion when one is close, and an extra argument is called what it is.
 *
 * <p>An unknown option never brings the values around it into the message: {@code --acess-key-secret X}
 * holds a secret in {@code X}, and picocli's own message would print it. Nor is an extra argument shown
 * when it stands right after a flag that takes a secret.
 */
final class ParseErrors {

    /** Flags whose value is a secret; an argument next to one is never echoed. */
    private static final Set<String> SECRET_FLAGS = Set.of("--access-key-secret", "--security-token", "--upload-auth");

    private ParseErrors() {
    }

    /** The one-line message for {@code ex}; {@code args} are the command line as given. */
    static String describe(CommandLine.ParameterException ex, List<String> args) {
        if (ex instanceof CommandLine.UnmatchedArgumentException) {
            return unmatched((CommandLine.UnmatchedArgumentException) ex, args);
        }
        return ErrorReporter.oneLine(ex.getMessage());
    }

    private static String unmatched(CommandLine.UnmatchedArgumentException ex, List<String> args) {
        List<String> unmatched = ex.getUnmatched();
        CommandLine.Model.CommandSpec spec = ex.getCommandLine().getCommandSpec();
        String name = spec.qualifiedName();
        Optional<String> option = unmatched.stream().filter(ParseErrors::looksLikeOption).findFirst();
        if (option.isPresent()) {
            // the option's name only: never its value (after '=' or as the next argument)
            String flag = option.get().split("=", 2)[0];
            long more = unmatched.stream().filter(ParseErrors::looksLikeOption).count() - 1;
            return "unknown option '" + flag + "'" + (more > 0 ? " (and " + more + " more)" : "")
                    + suggestion(ex, flag, true);
        }
        String first = unmatched.isEmpty() ? "" : unmatched.get(0);
        if (!spec.subcommands().isEmpty()) {
            String hint = suggestion(ex, first, false);
            return "unknown command '" + first + "'" + (hint.isEmpty()
                    ? "; the commands are " + String.join(", ", commandNames(spec)) : hint);
        }
        int index = args.indexOf(first);
        boolean nearSecret = index > 0 && (SECRET_FLAGS.contains(args.get(index - 1))
                || index > 1 && SECRET_FLAGS.contains(args.get(index - 2)));
        String shown = nearSecret ? "an argument after a secret's value" : "'" + first + "'";
        return "unexpected extra argument " + shown + ": " + name + " takes " + positionals(spec)
                + (unmatched.size() > 1 ? " (" + (unmatched.size() - 1) + " more after it)" : "");
    }

    private static boolean looksLikeOption(String arg) {
        return arg.length() > 1 && arg.startsWith("-") && !arg.equals("--");
    }

    /**
     * The closest option name (or command name) to {@code typed}, when it is close enough to be a typo: at
     * most a third of its letters (and at least 2) inserted, removed, changed or swapped.
     */
    private static String suggestion(CommandLine.UnmatchedArgumentException ex, String typed, boolean option) {
        CommandLine.Model.CommandSpec spec = ex.getCommandLine().getCommandSpec();
        List<String> candidates = option
                ? spec.options().stream().flatMap(o -> java.util.Arrays.stream(o.names())).toList()
                : commandNames(spec);
        String lower = typed.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, lower.length() / 3);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= limit ? "; did you mean '" + best + "'?" : "";
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static List<String> commandNames(CommandLine.Model.CommandSpec spec) {
        return spec.subcommands().keySet().stream().filter(n -> !n.equals("help")).distinct().toList();
    }

    private static String positionals(CommandLine.Model.CommandSpec spec) {
        List<CommandLine.Model.PositionalParamSpec> params = spec.positionalParameters();
        if (params.isEmpty()) {
            return "no arguments besides its options";
        }
        return params.size() == 1 && !params.get(0).isMultiValue() ? "one " + params.get(0).paramLabel()
                : String.join(" ", params.stream().map(CommandLine.Model.PositionalParamSpec::paramLabel).toList());
    }
}
