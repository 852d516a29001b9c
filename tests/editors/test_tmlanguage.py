"""The TextMate grammar of the VS Code extension: generated from ppkm.lark (the committed file
is what the generator makes), and every keyword of the grammar is highlighted, checked with
VS Code's own engine (vscode-textmate + vscode-oniguruma) and, for the keyword patterns alone,
with Python's `re`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ppkm_lang.syntax import highlight
from ppkm_lang.syntax.keywords import all_keywords, keyword_classes
from ppkm_lang.syntax.parser import _parser


REPO = Path(__file__).resolve().parents[2]
GRAMMAR = REPO / "editors" / "vscode" / "syntaxes" / "ppkm.tmLanguage.json"
SAMPLE = (REPO / "tests" / "language" / "every_keyword.ppkm").read_text(encoding="utf-8")
KEYWORD_SCOPES = ("keyword.", "storage.type.", "constant.language.")


def test_committed_grammar_is_generated():
    assert GRAMMAR.read_text(encoding="utf-8") == highlight.render(), \
        "regenerate: python -m ppkm_lang.syntax.highlight --tmlanguage > editors/vscode/syntaxes/ppkm.tmLanguage.json"


def test_generator_command_prints_the_grammar(capsys):
    assert highlight.main(["--tmlanguage"]) == 0
    assert json.loads(capsys.readouterr().out)["scopeName"] == "source.ppkm"


def test_extension_manifest_declares_the_language():
    vscode = REPO / "editors" / "vscode"
    manifest = json.loads((vscode / "package.json").read_text(encoding="utf-8"))
    (language,) = manifest["contributes"]["languages"]
    (grammar,) = manifest["contributes"]["grammars"]
    assert language["id"] == grammar["language"] == "ppkm" and language["extensions"] == [".ppkm"]
    assert (vscode / grammar["path"]).resolve() == GRAMMAR and grammar["scopeName"] == "source.ppkm"
    config = json.loads((vscode / language["configuration"]).read_text(encoding="utf-8"))
    assert config["comments"] == {"lineComment": "#"}
    assert ["{", "}"] in config["brackets"] and {"open": "(", "close": ")"} in config["autoClosingPairs"]
    rules = config["indentationRules"]
    assert re.search(rules["increaseIndentPattern"], 'rule r "a { b" {  # c {')
    assert not re.search(rules["increaseIndentPattern"], 'rule r "a { b" { }')
    assert not re.search(rules["increaseIndentPattern"], '# a comment {')
    assert re.search(rules["decreaseIndentPattern"], "  }")


def _keyword_positions():
    """(keyword, line, 0-based column) of every keyword the parser reads in the sample."""
    ip = _parser().parse_interactive(SAMPLE)
    words = set(all_keywords())
    return [(t.value, t.line, t.column - 1) for t in ip.iter_parse() if t.value in words and t.type != "NAME"]


def _at(tokens, line, column):
    return next(t for t in tokens if t["line"] == line and t["start"] <= column < t["end"])


def test_every_keyword_of_the_grammar_is_highlighted(tokenize):
    tokens = tokenize(SAMPLE)
    seen = set()
    for word, line, column in _keyword_positions():
        tok = _at(tokens, line, column)
        assert tok["text"] == word and any(s.startswith(KEYWORD_SCOPES) for s in tok["scopes"]), (word, line, tok)
        seen.add(word)
    assert seen == set(all_keywords())


def test_a_new_grammar_word_is_highlighted_once_generated(tokenize, tmp_path):
    """The words come from the grammar: rename a keyword there and the generated grammar
    highlights the new word and no longer the old one."""
    renamed = _parser_grammar().replace('"revokes" NAME', '"repeals" NAME')
    path = tmp_path / "renamed.tmLanguage.json"
    path.write_text(highlight.render(renamed), encoding="utf-8")
    toks = tokenize("instrument i \"x\" { repeals a revokes b }", grammar=path)
    assert ["keyword.other.ppkm"] in _scopes(toks, "repeals")
    assert ["keyword.other.ppkm"] not in _scopes(toks, "revokes")


def _parser_grammar() -> str:
    from ppkm_lang.syntax.parser import grammar_text
    return grammar_text()


def _scopes(tokens, text):
    return [t["scopes"][1:] for t in tokens if t["text"] == text]


def test_names_literals_comments_and_codes(tokenize):
    text = ('instrument inm "Inmendagri \\"15\\" \\q" {\n'
            'fact zona: enum { merah }\n'
            'rule tutup { when kapasitas >= 25% and jam < 17:00 and tgl != 2021-07-22 and n <= 2.5 and k > 3\n'
            '  then x = 1 cite inm KESEBELAS d.2 }  # catatan\n'
            'allow PPK301 on tutup "ok"\n'
            'example e { at 2021-07-10 }\n')
    toks = tokenize(text)
    assert _scopes(toks, "inm")[0] == ["entity.name.type.instrument.ppkm"]
    assert ["entity.name.variable.fact.ppkm"] in _scopes(toks, "zona")
    assert ["entity.name.function.ppkm"] in _scopes(toks, "tutup")
    assert ["entity.name.function.ppkm"] in _scopes(toks, "e")
    assert ["string.quoted.double.ppkm", "constant.character.escape.ppkm"] in _scopes(toks, '\\"')
    assert ["string.quoted.double.ppkm", "invalid.illegal.escape.ppkm"] in _scopes(toks, "\\q")
    assert _scopes(toks, "25%") == [["constant.numeric.percent.ppkm"]]
    assert _scopes(toks, "17:00") == [["constant.numeric.time.ppkm"]]
    assert _scopes(toks, "2021-07-22") == [["constant.numeric.date.ppkm"]]
    assert _scopes(toks, "2.5") == [["constant.numeric.decimal.ppkm"]]
    assert _scopes(toks, "3") == [["constant.numeric.integer.ppkm"]]
    for op in (">=", "<", "!=", "<=", ">"):
        assert _scopes(toks, op) == [["keyword.operator.comparison.ppkm"]], op
    assert _scopes(toks, "# catatan") == [["comment.line.number-sign.ppkm"]]
    assert _scopes(toks, "PPK301") == [["constant.other.diagnostic-code.ppkm"]]
    assert _scopes(toks, "KESEBELAS") == [["entity.name.label.ppkm"]]


def test_glued_words_are_not_keywords(tokenize):
    toks = tokenize("rule r { whenb notx x_when to2021 }\nrulex y\n")
    for word in ("whenb", "notx", "x_when", "to2021", "rulex"):
        tok = next(t for t in toks if word in t["text"])
        assert not any(s.startswith(KEYWORD_SCOPES + ("constant.numeric",)) for s in tok["scopes"]), (word, tok)
    assert not any(t["text"] == "when" for t in toks)


def test_an_unclosed_string_ends_with_its_line(tokenize):
    toks = tokenize('rule r "open\nrule s {}\n')
    assert ["keyword.other.declaration.ppkm"] in _scopes(toks, "rule")[1:]


def _python_keyword_patterns():
    repo = highlight.tmlanguage()["repository"]
    return [(p["name"], re.compile(p["match"])) for p in repo["keyword"]["patterns"]]


@pytest.mark.parametrize("word", all_keywords())
def test_keyword_patterns_match_each_keyword_whole_with_python_re(word):
    """Without the engine: the keyword patterns (read with Python's `re`, which reads these
    look-arounds as Oniguruma does) match each keyword whole, and not inside a longer word."""
    patterns = _python_keyword_patterns()
    assert any(p.fullmatch(word) for _, p in patterns), word
    for glued in (word + "b", "x" + word, word + "_1", "_" + word):
        assert not any(p.search(glued) for _, p in patterns), glued


def test_keyword_classes_have_their_scopes():
    by_name = {name: p for name, p in _python_keyword_patterns()}
    k = keyword_classes()
    assert all(by_name["storage.type.ppkm"].fullmatch(w) for w in k["type"])
    assert all(by_name["keyword.operator.word.ppkm"].fullmatch(w) for w in k["logic"])
    assert all(by_name["constant.language.ppkm"].fullmatch(w) for w in k["constant"])
