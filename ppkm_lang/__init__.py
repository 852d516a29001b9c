"""ppkm-lang: policy as code for Indonesia's 2021 PPKM instructions.

The pipeline, one package per stage:
    syntax/     text -> surface AST (Lark, LALR)
    semantics/  names, types, units, regions
    ir/         the lowered policy (frozen attrs nodes with spans)
    lint/       citations, cross-references, regions, periods, hygiene (PPK5xx)
    analysis/   exact conflict, gap, shadowing and assertion analysis with witnesses
    eval/       compiled evaluators, decisions with provenance, explanations
    testing/    the `example` blocks of policies
    docgen/     the documentation site
    cli/        one thin module per `ppkm` verb

The public Python API:
    load(paths, gazetteer=None) -> LoadResult              parse, resolve and lower
    check(paths, gazetteer=None) -> CheckResult            every finding of `ppkm check`
    evaluate(policy, at, facts) -> Decision                the measures that apply, with provenance
    explain(policy, at, facts) -> Explanation              why each rule did or did not decide
    run_examples(policy) -> TestReport                     the policy's own examples
"""

from ppkm_lang._version import __version__

__all__ = ["__version__", "load", "check", "evaluate", "explain", "run_examples", "Decision", "Explanation",
           "TestReport"]


def __getattr__(name):
    # Imported on first use so that `import ppkm_lang` stays cheap for the CLI's --version.
    if name == "load":
        from ppkm_lang.loader import load
        return load
    if name == "check":
        from ppkm_lang.checker import check
        return check
    if name in ("evaluate", "explain", "run_examples", "Decision", "Explanation", "TestReport"):
        from ppkm_lang import api
        return getattr(api, name)
    raise AttributeError(f"module 'ppkm_lang' has no attribute {name!r}")
