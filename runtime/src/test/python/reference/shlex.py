"""shlex: split (posix and not, with and without comments), quote and join on tricky inputs."""
import shlex

from cases import case

SPLIT_INPUTS = [
    "", "   ", "a b  c", "  lead and trail  ", "tab\tsep\nnew\rline",
    "'single quoted' \"double quoted\"", "mixed'quo'ted\"word\"s", "''", '""', "a '' b", 'x""y',
    "back\\ slash", "a\\\\b", "\\'", '\\"', '"esc \\" inside"', '"keep \\a"', '"dollar \\$x"', "'no \\ escape'",
    "$HOME ${x} $(cmd)", "a#b #c", "a # comment\nb", "#only comment", "a;b|c&d>e<f", "(x) {y}",
    "héllo wörld ß", "日本 語", "emoji 😀 x", "it\\'s fine", "\"'\" '\"'", "a\\\nb", "\\$5",
    "end\\\\", "=:,./-@%+", "word'quoted part'more",
]


@case
def split_posix():
    for s in SPLIT_INPUTS:
        print(repr(s), "->", shlex.split(s))


@case
def split_posix_comments():
    for s in SPLIT_INPUTS:
        print(repr(s), "->", shlex.split(s, comments=True))


@case
def split_non_posix():
    for s in SPLIT_INPUTS:
        print(repr(s), "->", shlex.split(s, posix=False))


@case
def split_non_posix_comments():
    for s in SPLIT_INPUTS:
        print(repr(s), "->", shlex.split(s, comments=True, posix=False))


@case
def split_no_closing_quotation():
    shlex.split("a 'b")


@case
def split_no_closing_double_quotation():
    shlex.split('a "b\\"')


@case
def split_no_closing_quotation_non_posix():
    shlex.split("a 'b", posix=False)


@case
def split_no_escaped_character():
    shlex.split("a\\")


@case
def split_none():
    shlex.split(None)


QUOTE_INPUTS = ["", "abc", "a b", "it's", "$x", "-n", "a@b%+=:,./-_", "é", "日本", "😀", "tab\there",
                "new\nline", "'", "''", "\"", "back\\slash", "*", "?", "~", "!", "#", "a=b", "${x}", "`cmd`"]


@case
def quote_table():
    for s in QUOTE_INPUTS:
        print(repr(s), "->", shlex.quote(s))


@case
def join_table():
    print(shlex.join(["a b", "c"]))
    print(shlex.join([]))
    print(shlex.join(QUOTE_INPUTS))
    print(shlex.split(shlex.join(QUOTE_INPUTS)) == QUOTE_INPUTS)


@case
def quote_none():
    print(shlex.quote(None), shlex.join(["a", None, "b c"]))
