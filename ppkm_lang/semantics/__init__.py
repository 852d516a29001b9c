"""Semantics: what values and names mean, independent of where they were written.

`values` reads a literal (from policy text, `--set`, `--facts` or Python) into a typed value of
an IR type, or refuses it with a coded problem; `regions` is the one normalisation of kab/kota
names; `gazetteer` reads the official list; `suggest` picks the names a misspelling may mean.
"""
