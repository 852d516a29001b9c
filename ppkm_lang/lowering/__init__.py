"""Lowering: the surface AST of every module -> one linked IR `Policy` (`from_ast`).

Names are resolved in one namespace shared by all modules, literals are read into typed values,
region names are resolved against the gazetteer, region sets are expanded and tables become
rules. A declaration with an error is left out of the IR with its diagnostic, so that later
passes still see the rest. This stage sits between `syntax` (which it reads) and `ir` (which it
builds); `ir` knows nothing of it.
"""

from ppkm_lang.lowering.lower import from_ast

__all__ = ["from_ast"]
