"""Policies and diagnostic codes -> the documentation site.

`build.build_site` generates the Markdown pages of both languages (`site.generate`: instrument
pages diktum by diktum, what applies where, kab/kota pages, the timeline, the checker's
findings, the reference) into a temporary docs directory and runs `mkdocs build --strict`.
`export` turns the compiled policy into the JSON that `assets/cek.js` evaluates in the
browser; `lexer` highlights `.ppkm` code; `escape` keeps policy text from becoming markup.
"""
