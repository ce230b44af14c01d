package dev.pyconcurrent.maven.render;

import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Markdown (CommonMark + GitHub tables) → AsciiDoc, through commonmark-java's syntax tree:
 * headings, paragraphs, emphasis, inline code, links and images, lists (nested), block quotes,
 * fenced and indented code, thematic breaks, raw HTML (passed through) and tables. Plain text
 * has AsciiDoc's markup characters written as character references, so a literal {@code *} or
 * {@code #} in prose stays literal.
 */
public final class MarkdownToAsciiDoc {
    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    private MarkdownToAsciiDoc() {}

    /**
     * @param headingOffset added to each heading's level; the result is at least a level-1
     *     section ({@code ==}), as the document title ({@code =}) is the notebook's
     */
    public static String convert(String markdown, int headingOffset) {
        Writer w = new Writer(headingOffset);
        PARSER.parse(markdown).accept(w);
        return w.out.toString().replaceAll("\n{3,}", "\n\n").strip() + "\n";
    }

    /** The first level-1 heading's text, or null. */
    public static String title(String markdown) {
        Node doc = PARSER.parse(markdown);
        for (Node n = doc.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Heading h && h.getLevel() == 1) {
                StringBuilder sb = new StringBuilder();
                plain(h, sb);
                return sb.toString();
            }
        }
        return null;
    }

    private static void plain(Node node, StringBuilder sb) {
        for (Node n = node.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Text t) sb.append(t.getLiteral());
            else if (n instanceof Code c) sb.append(c.getLiteral());
            else plain(n, sb);
        }
    }

    /** Literal text with AsciiDoc's inline markup characters neutralized. */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '*', '_', '`', '#', '^', '~', '+', '[', ']', '{', '}', '|', '\\' -> sb.append("&#").append((int) c).append(';');
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static final class Writer extends AbstractVisitor {
        private final StringBuilder out = new StringBuilder();
        private final int headingOffset;
        private int listDepth;

        Writer(int headingOffset) {
            this.headingOffset = headingOffset;
        }

        private void blankLine() {
            if (out.length() == 0) return;
            if (out.charAt(out.length() - 1) != '\n') out.append('\n');
            if (out.length() < 2 || out.charAt(out.length() - 2) != '\n') out.append('\n');
        }

        private boolean inList() {
            return listDepth > 0;
        }

        @Override
        public void visit(Heading heading) {
            blankLine();
            out.append("=".repeat(Math.max(2, Math.min(6, heading.getLevel() + headingOffset)))).append(' ');
            visitChildren(heading);
            out.append('\n');
        }

        @Override
        public void visit(Paragraph paragraph) {
            if (!inList() || paragraph.getParent() == null || paragraph.getParent().getFirstChild() != paragraph) {
                if (inList()) out.append("+\n");
                else blankLine();
            }
            visitChildren(paragraph);
            out.append('\n');
        }

        @Override
        public void visit(Text text) {
            out.append(escape(text.getLiteral()));
        }

        @Override
        public void visit(Emphasis emphasis) {
            out.append("__");
            visitChildren(emphasis);
            out.append("__");
        }

        @Override
        public void visit(StrongEmphasis strong) {
            out.append("**");
            visitChildren(strong);
            out.append("**");
        }

        @Override
        public void visit(Code code) {
            String literal = code.getLiteral();
            if (literal.contains("+") || literal.contains("`")) out.append("``").append(escape(literal)).append("``");
            else out.append("``+").append(literal).append("+``");
        }

        @Override
        public void visit(SoftLineBreak br) {
            out.append('\n');
        }

        @Override
        public void visit(HardLineBreak br) {
            out.append(" +\n");
        }

        @Override
        public void visit(Link link) {
            String dest = link.getDestination();
            if (dest.endsWith(".ipynb")) dest = dest.substring(0, dest.length() - 6) + ".html";
            else if (dest.contains(".ipynb#")) dest = dest.replace(".ipynb#", ".html#");
            out.append(dest.contains("://") || dest.startsWith("mailto:") ? "" : "link:").append(dest.replace(" ", "%20")).append('[');
            int start = out.length();
            visitChildren(link);
            if (out.length() == start) out.append(escape(dest));
            out.append(']');
        }

        @Override
        public void visit(Image image) {
            StringBuilder alt = new StringBuilder();
            plain(image, alt);
            out.append("image:").append(image.getDestination()).append('[').append(escape(alt.toString())).append(']');
        }

        @Override
        public void visit(BulletList list) {
            list(list, "*");
        }

        @Override
        public void visit(OrderedList list) {
            list(list, ".");
        }

        private void list(Node list, String marker) {
            if (!inList()) blankLine();
            listDepth++;
            for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') out.append('\n');
                out.append(marker.repeat(listDepth)).append(' ');
                visitChildren(item);
            }
            listDepth--;
            if (!inList()) blankLine();
        }

        @Override
        public void visit(ListItem item) {
            visitChildren(item);
        }

        @Override
        public void visit(BlockQuote quote) {
            blankLine();
            out.append("____\n");
            visitChildren(quote);
            if (out.charAt(out.length() - 1) != '\n') out.append('\n');
            out.append("____\n");
        }

        @Override
        public void visit(FencedCodeBlock code) {
            String info = code.getInfo() == null ? "" : code.getInfo().trim().split("\\s+")[0];
            codeBlock(info, code.getLiteral());
        }

        @Override
        public void visit(IndentedCodeBlock code) {
            codeBlock("", code.getLiteral());
        }

        private void codeBlock(String language, String literal) {
            if (inList()) out.append("+\n");
            else blankLine();
            out.append(language.isEmpty() ? "[source]\n" : "[source," + language + "]\n");
            out.append("----\n").append(literal.endsWith("\n") ? literal : literal + "\n").append("----\n");
        }

        @Override
        public void visit(ThematicBreak br) {
            blankLine();
            out.append("'''\n");
        }

        @Override
        public void visit(HtmlBlock html) {
            blankLine();
            out.append("++++\n").append(html.getLiteral().stripTrailing()).append("\n++++\n");
        }

        @Override
        public void visit(HtmlInline html) {
            out.append("pass:[").append(html.getLiteral().replace("]", "\\]")).append(']');
        }

        @Override
        public void visit(CustomBlock block) {
            if (block instanceof TableBlock table) {
                table(table);
            } else {
                visitChildren(block);
            }
        }

        private void table(TableBlock table) {
            blankLine();
            int columns = 0;
            boolean header = false;
            for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
                if (section instanceof TableHead) header = true;
                Node row = section.getFirstChild();
                if (row instanceof TableRow) {
                    int n = 0;
                    for (Node c = row.getFirstChild(); c != null; c = c.getNext()) n++;
                    columns = Math.max(columns, n);
                }
            }
            out.append("[cols=\"").append(columns).append("*\"").append(header ? ",options=\"header\"" : "").append("]\n|===\n");
            for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
                for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
                    for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                        out.append("|");
                        if (cell instanceof TableCell tc) visitChildren(tc);
                        out.append('\n');
                    }
                    out.append('\n');
                }
            }
            out.append("|===\n");
        }
    }
}
