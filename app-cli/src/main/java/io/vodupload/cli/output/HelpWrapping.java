package io.vodupload.cli.output;

import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Help whose option descriptions wrap at spaces only. picocli wraps a description where
 * {@link java.text.BreakIterator#getLineInstance()} allows, and that iterator allows a break after a dot
 * before a letter or a slash: {@code ./vodupload-store}, {@code ~/.vodupload/checkpoints},
 * {@code https://vod.REGION.aliyuncs.com} and {@code 100KiB..5GiB} came out cut in two at the end of a line.
 * Here each description is cut into lines at spaces first, so paths, URLs and ranges stay whole; only a
 * single word longer than the whole column is still cut by picocli.
 *
 * <p>Install with {@code commandLine.setHelpFactory(HelpWrapping::new)}.
 */
public final class HelpWrapping extends Help {

    public HelpWrapping(CommandSpec spec, ColorScheme scheme) {
        super(spec, scheme);
    }

    @Override
    public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals,
                                      ColorScheme scheme) {
        Layout standard = super.createDefaultLayout(options, positionals, scheme);
        TextTable table = new SpaceWrappingTable(scheme, standard.textTable().columns());
        return new Layout(scheme, table, createDefaultOptionRenderer(), createDefaultParameterRenderer());
    }

    /** A text table that cuts wrapping cells at spaces before picocli sees them. */
    static final class SpaceWrappingTable extends TextTable {
        private final ColorScheme scheme;

        SpaceWrappingTable(ColorScheme scheme, Column[] columns) {
            super(scheme, columns);
            this.scheme = scheme;
        }

        @Override
        public Cell putValue(int row, int col, Text value) {
            Column column = columns()[col];
            if (column.overflow != Column.Overflow.WRAP || value == null) {
                return super.putValue(row, col, value);
            }
            int firstWidth = column.width - column.indent - textAt(row, col).plainString().length();
            int nextWidth = column.width - column.indent - indentWrappedLines;
            List<int[]> lines = lines(value.plainString(), firstWidth, nextWidth);
            if (lines.size() <= 1) {
                return super.putValue(row, col, value);
            }
            Cell cell = super.putValue(row, col, value.substring(lines.get(0)[0], lines.get(0)[1]));
            String indent = " ".repeat(indentWrappedLines);
            for (int[] line : lines.subList(1, lines.size())) {
                addEmptyRow();
                Text text = scheme.ansi().new Text(indent, scheme).concat(value.substring(line[0], line[1]));
                cell = super.putValue(rowCount() - 1, col, text);
            }
            return cell;
        }

        /** {@code [start, end)} of each line of {@code text} cut at spaces; a word never splits. */
        static List<int[]> lines(String text, int firstWidth, int nextWidth) {
            List<int[]> lines = new ArrayList<>();
            int start = 0;
            int width = firstWidth;
            while (start < text.length()) {
                while (start < text.length() && text.charAt(start) == ' ') {
                    start++;
                }
                if (start >= text.length()) {
                    break;
                }
                int end = start;
                int lastFit = -1;
                while (end < text.length()) {
                    int wordEnd = text.indexOf(' ', end);
                    wordEnd = wordEnd < 0 ? text.length() : wordEnd;
                    if (wordEnd - start > width && lastFit >= 0) {
                        break;
                    }
                    lastFit = wordEnd;
                    end = wordEnd + 1;
                    if (wordEnd - start > width) {
                        break; // one word longer than the line: it goes whole, picocli cuts it
                    }
                }
                lines.add(new int[] {start, lastFit});
                start = lastFit;
                width = nextWidth;
            }
            return lines;
        }
    }
}
