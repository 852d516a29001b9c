"""The language server (`ppkm lsp`): what an editor shows while a policy is written.

Findings as you type (the checker of `ppkm check`, run on the document's project with the
editor's unsaved text), hover (a fact's or measure's type, unit and doc; a citation's quoted
sentence and the diktum's source text), definitions and uses of every declared name,
completion (facts, enum members, kab/kota names, the diktum labels of an instrument's
`structure`), formatting through `ppkm fmt`, and quick fixes for the hints that name one.

`project` decides which files a document is checked with, `index` finds names in them,
`features` answers each request from those, `convert` maps spans to protocol positions, and
`server` wires it to pygls.
"""
