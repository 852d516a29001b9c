"""ppkm-lang: policy as code for Indonesia's 2021 PPKM instructions.

The pipeline, one package per stage:
    syntax/     text -> surface AST (Lark, LALR)
    semantics/  values of each type, region names, did-you-mean
    lowering/   surface AST -> IR: names and types resolved, tables to rules
    ir/         the lowered policy (frozen attrs nodes with spans)
    lint/       citations, cross-references, regions, periods, hygiene (PPK5xx)
    analysis/   exact conflict, gap, shadowing and assertion analysis with witnesses
    eval/       the residual engine and compiled evaluators; answers with provenance
    testing/    the `example` blocks of policies
    docgen/     the documentation site
    cli/        one thin module per `ppkm` verb

The public Python API (`ppkm_lang.api`, re-exported here):
    prepare(paths, gazetteer=None) -> Prepared          load once; .evaluate .explain .examples
                                                        .residuals .batch .check .schema
    load(paths, gazetteer=None) -> LoadResult           parse, resolve and lower
    check(paths, gazetteer=None) -> CheckResult         every finding of `ppkm check`
    evaluate(prepared_or_policy, at, facts) -> Answer   definite, conditional or undetermined
    explain(prepared_or_policy, at, facts) -> Explanation
    run_examples(prepared_or_policy) -> TestReport
`paths` is a str, a pathlib.Path, or a list of them.
"""

from ppkm_lang._version import __version__

_API = ("prepare", "load", "check", "evaluate", "explain", "run_examples", "Prepared", "PolicyError",
        "InputError", "Answer", "TargetAnswer", "Explanation", "TestReport")

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    # Imported on first use so that `import ppkm_lang` stays cheap for the CLI's --version.
    if name in _API:
        from ppkm_lang import api
        return getattr(api, name)
    raise AttributeError(f"module 'ppkm_lang' has no attribute {name!r}")
