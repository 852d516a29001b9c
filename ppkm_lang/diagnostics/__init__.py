"""Diagnostics: the code registry, the Diagnostic model and its renderers (the only output code)."""

from ppkm_lang.diagnostics.model import Code, Diagnostic, Related, Severity

__all__ = ["Code", "Diagnostic", "Related", "Severity"]
