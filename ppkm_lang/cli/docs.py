"""`ppkm docs [PATH...] [--out DIR]`: build the documentation site from the policies.

The pages are generated from the policies (Indonesian, with every page also in English under
`en/`) and built with mkdocs-material in strict mode. The checker's findings appear on the
site; they do not change the exit status, which `ppkm check` is for.
"""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "build the documentation site from the policies (Indonesian, and English under en/)"
DEFAULT_PATHS = ("policies",)
CONFIG_FILE = "mkdocs.yml"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="policy files, or directories searched for *.ppkm (default: policies/)")
    parser.add_argument("--out", default="site", metavar="DIR",
                        help="where to write the site (default: site/): a new or empty directory, or "
                             "one an earlier build wrote, which is replaced whole")
    parser.add_argument("--config", metavar="FILE",
                        help="the base mkdocs configuration (default: mkdocs.yml in the current "
                             "directory, when there is one)")
    parser.add_argument("--site-url", metavar="URL",
                        help="the address the site is published at (e.g. https://example.org/ppkm/): "
                             "fills the sitemap and lets the language menu keep the page")


def run(args, ctx) -> int:
    from ppkm_lang.checker import check
    from ppkm_lang.diagnostics import render_text
    from ppkm_lang.cli.outputs import site_problem, site_swap
    from ppkm_lang.docgen.build import build_site, missing_tools, site_data

    problem = missing_tools()
    if problem:
        return ctx.fail(problem)
    paths = [Path(p) for p in (args.paths or DEFAULT_PATHS)]
    for p in paths:
        if not p.exists():
            return ctx.fail(f"`{p}` does not exist", hint="give policy files or directories; the default is policies/")
    config = Path(args.config) if args.config else (ctx.cwd / CONFIG_FILE)
    if args.config and not config.is_file():
        return ctx.fail(f"`{args.config}` does not exist", hint="give an mkdocs.yml, or leave --config out")
    site_url = None
    if args.site_url:
        from urllib.parse import urlsplit
        parts = urlsplit(args.site_url)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
            return ctx.fail(f"`{args.site_url}` is not an http(s) address of a site",
                            hint="e.g. --site-url https://example.org/ppkm/")
        site_url = args.site_url if args.site_url.endswith("/") else args.site_url + "/"
    out = Path(args.out)
    problem = site_problem(out)
    if problem:
        return ctx.fail(problem.message, code=problem.code, hint=problem.hint)
    result = check(paths, gazetteer=ctx.gazetteer)
    from ppkm_lang.cli.main import help_texts
    data = site_data(result, help_texts())
    if data is None:
        render_text.render(result.diagnostics, result.sources, ctx.err, files=result.files)
        return ctx.fail("the policies could not be read, so no site was built")
    with site_swap(out) as staged:  # the old site is replaced only by a complete new one
        built = build_site(data, staged.path, config_file=config if config.is_file() else None,
                           site_url=site_url)
        staged.keep = built.ok
    if not built.ok:
        if built.details:
            ctx.err.print(built.details, markup=False, highlight=False, soft_wrap=True)
        ctx.fail(built.message or "the site could not be built")
        return 1
    ctx.out.print(f"built {built.pages} generated pages per language into {out}/ (Indonesian) and {out}/en/ "
                  f"(English); {len(data.findings)} checker findings are listed on the site",
                  markup=False, highlight=False, soft_wrap=True)
    return 0
