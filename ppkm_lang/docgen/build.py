"""Policies -> a static site: generate the pages of both languages into a temporary docs
directory (with the hand-written pages copied in), then `mkdocs build --strict` each language
(Indonesian at the root, English under `en/`).

The build is reproducible: pages are generated in a fixed order, the assets are copied
unchanged, and SOURCE_DATE_EPOCH (the policy's latest date unless already set) fixes the
dates mkdocs writes into sitemap.xml and its gzip header.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from importlib import resources
from pathlib import Path

import attrs

from ppkm_lang.docgen import site
from ppkm_lang.docgen.i18n import LANGS
from ppkm_lang.docgen.mdkit import SiteData
from ppkm_lang.ir.model import Policy

ASSETS = ("cek.js", "cek-ui.js", "ppkm.css")
ASSET_DIR = "assets/ppkm"
# Used when there is no mkdocs.yml: what the generated pages need (tables, the source text
# beside its summary, highlighted code, notes).
DEFAULT_CONFIG: dict = {
    "site_name": "ppkm-lang",
    "theme": {"name": "material", "font": False},
    "plugins": [{"search": {"lang": ["en"], "pipeline": ["trimmer"]}}],
    "markdown_extensions": ["admonition", "md_in_html", "tables", {"toc": {"permalink": True}},
                            "pymdownx.highlight", "pymdownx.superfences", "pymdownx.details"],
}


@attrs.frozen
class BuildResult:
    ok: bool
    message: str | None = None  # what went wrong, for the command line
    details: str | None = None  # e.g. mkdocs' warnings
    pages: int = 0  # generated pages per language


def missing_tools() -> str | None:
    """Why the site cannot be built here, or None."""
    for module, package in (("mkdocs", "mkdocs"), ("material", "mkdocs-material"), ("yaml", "PyYAML")):
        if importlib.util.find_spec(module) is None:
            return f"`{package}` is not installed; install the documentation extras: pip install 'ppkm-lang[docs]'"
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound
    try:
        lexer = get_lexer_by_name("ppkm")
    except ClassNotFound:
        return ("the `ppkm` Pygments lexer is not registered (it is an entry point of the package); "
                "install the package, e.g. pip install -e .")
    if type(lexer).__module__ != "ppkm_lang.docgen.lexer":
        return f"the `ppkm` Pygments lexer resolves to {type(lexer).__module__}, not ppkm_lang.docgen.lexer"
    return None


def source_date_epoch(policy: Policy) -> int:
    dates = [d for i in policy.instruments.values() for d in (i.signed, i.first, i.last) if d is not None]
    day = max(dates) if dates else dt.date(1970, 1, 1)
    seconds = int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())
    # Archive headers (the gzip of the sitemap) hold an unsigned 32-bit time: stay inside it.
    return min(max(seconds, 0), 2**32 - 1)


def read_config(path: Path | None) -> tuple[dict, Path | None]:
    """The base mkdocs configuration and the hand-written docs directory."""
    import yaml
    if path is None:
        return dict(DEFAULT_CONFIG), None
    config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(config, dict):
        raise ValueError(f"{path} is not a mapping")
    return config, path.parent / config.get("docs_dir", "docs")


def _hand_written(docs: Path | None, lang: str) -> dict[str, Path]:
    """Docs-relative path -> file: Indonesian pages are docs/ less docs/en/; English docs/en/."""
    if docs is None or not docs.is_dir():
        return {}
    root = docs if lang == "id" else docs / "en"
    if not root.is_dir():
        return {}
    out = {}
    for f in sorted(root.rglob("*")):
        r = f.relative_to(root).as_posix()
        if f.is_file() and not (lang == "id" and r.startswith("en/")):
            out[r] = f
    return out


def _with_counterpart(path: str, text: str, lang: str) -> str:
    # After the first heading: mkdocs takes a page's title from a leading <h1>.
    head, sep, rest = text.partition("\n")
    link = site.counterpart_link(path, lang)
    return f"{head}\n\n{link}{rest}" if sep and head.startswith("# ") else link + text


def with_title(text: str) -> str:
    """Front matter repeating the page's first heading as its title. The heading is escaped
    Markdown; without this, the theme would take the title from the rendered heading and
    print it into <title> with its entities decoded."""
    head = text.partition("\n")[0]
    if not head.startswith("# "):
        return text
    return f"---\ntitle: {json.dumps(head[2:].strip())}\n---\n\n{text}"


def write_docs(data: SiteData, lang: str, docs_dir: Path, hand: dict[str, Path],
               hand_other: set[str]) -> tuple[dict[str, str], list[str]]:
    """Write the pages of one language; `hand_other` are the hand-written pages of the other
    language (a hand-written page links to its counterpart only when there is one)."""
    pages = site.generate(data, lang)
    if site.HOME not in hand:
        pages[site.HOME] = site.home_page(data, lang)
    clash = sorted(set(pages) & set(hand))
    if clash:
        raise ValueError(f"hand-written pages would replace generated ones: {', '.join(clash)}")
    hand_pages = [p for p in hand if p.endswith(".md")]
    for rel, src in hand.items():
        target = docs_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if rel.endswith(".md"):
            text = src.read_text(encoding="utf-8")
            if rel in hand_other or rel == site.HOME:
                text = _with_counterpart(rel, text, lang)
            target.write_text(text, encoding="utf-8")
        else:
            shutil.copyfile(src, target)
    for rel, text in pages.items():
        target = docs_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(with_title(_with_counterpart(rel, text, lang)), encoding="utf-8")
    assets = docs_dir / ASSET_DIR
    assets.mkdir(parents=True, exist_ok=True)
    for name in ASSETS:
        (assets / name).write_bytes(resources.files("ppkm_lang.docgen").joinpath(f"assets/{name}").read_bytes())
    return pages, sorted(hand_pages)


def language_config(base: dict, lang: str, docs_dir: Path, site_dir: Path, nav: list,
                    site_url: str | None = None) -> dict:
    config = {k: v for k, v in base.items() if k not in ("docs_dir", "site_dir", "nav")}
    # The published address (the English site under en/): mkdocs writes it into sitemap.xml,
    # and the theme's language menu reads the other language's sitemap to keep the page.
    url = site_url or config.get("site_url")
    if url:
        url = url if url.endswith("/") else url + "/"
        config["site_url"] = url if lang == "id" else url + "en/"
    theme = dict(config.get("theme") or {"name": "material"})
    theme["language"] = lang
    config["theme"] = theme
    config["docs_dir"] = str(docs_dir)
    config["site_dir"] = str(site_dir)
    config["nav"] = nav
    extra = dict(config.get("extra") or {})
    extra["alternate"] = [
        {"name": "Bahasa Indonesia", "link": "./" if lang == "id" else "../", "lang": "id"},
        {"name": "English", "link": "en/" if lang == "id" else "./", "lang": "en"},
    ]
    # A site name per language: `extra.site_name_en` names the English site.
    if lang != "id" and extra.get(f"site_name_{lang}"):
        config["site_name"] = extra[f"site_name_{lang}"]
    config["extra"] = extra
    config["extra_css"] = list(config.get("extra_css") or []) + [f"{ASSET_DIR}/ppkm.css"]
    config["extra_javascript"] = list(config.get("extra_javascript") or []) + [
        f"{ASSET_DIR}/cek.js", f"{ASSET_DIR}/cek-ui.js"]
    return config


def build_site(data: SiteData, out: Path, *, config_file: Path | None = None,
               site_url: str | None = None) -> BuildResult:
    """Generate and build the site of `data` into `out` (replacing its content)."""
    import yaml
    problem = missing_tools()
    if problem:
        return BuildResult(False, problem)
    try:
        base, docs = read_config(config_file)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        return BuildResult(False, f"cannot read the mkdocs configuration: {exc}")
    out = out.resolve()
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", str(source_date_epoch(data.policy)))
    env["NO_MKDOCS_2_WARNING"] = "1"  # the theme's notice about its successor, printed on every build
    count = 0
    with tempfile.TemporaryDirectory(prefix="ppkm-docs-") as tmp:
        hand = {lang: _hand_written(docs, lang) for lang in LANGS}
        for lang in LANGS:
            docs_dir = Path(tmp) / lang
            other = set(hand[LANGS[1 - LANGS.index(lang)]])
            try:
                pages, extra = write_docs(data, lang, docs_dir, hand[lang], other)
            except ValueError as exc:
                return BuildResult(False, str(exc))
            count = len(pages)
            nav = site.nav(data, lang, pages, extra)
            site_dir = out if lang == "id" else out / "en"
            cfg = Path(tmp) / f"mkdocs.{lang}.yml"
            cfg.write_text(yaml.safe_dump(language_config(base, lang, docs_dir, site_dir, nav, site_url),
                                          allow_unicode=True, sort_keys=False), encoding="utf-8")
            proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(cfg)],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=tmp)
            if proc.returncode != 0:
                # mkdocs' INFO lines only say what it was doing; keep what went wrong.
                lines = proc.stdout.splitlines()
                details = "\n".join(x for x in lines if not x.startswith("INFO")).strip()
                return BuildResult(False, f"mkdocs could not build the `{lang}` site", details)
    return BuildResult(True, pages=count)


def site_data(result, helps=()) -> SiteData | None:
    """What the pages need, from a `checker.check` result and the command line's help texts;
    None when the policy could not be read at all."""
    loaded = result.loaded
    if loaded is None or loaded.policy is None:
        return None
    return SiteData(loaded.policy, dict(loaded.sources), tuple(result.diagnostics), loaded.gazetteer,
                    tuple(helps))
