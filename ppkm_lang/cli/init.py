"""`ppkm init NAME`: start a new instrument, as a file that checks clean and has an example.

Writes `NAME.ppkm` (and a `ppkm.toml` with the settings commented out, when the directory has
none): an instrument with its dates and structure, one fact, one measure, one cited rule and
one example, each marked where the real text goes. Nothing is overwritten.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

HELP = "start a new instrument: a policy file that checks clean, with a rule and an example"

NAME = re.compile(r"[a-z][a-z0-9_]*")
NUMBERED = re.compile(r".*?_(\d{1,3})_((?:19|20)\d{2})$")

TEMPLATE = '''\
# {title}
# Source: write here where the text of the instrument is (a file or an address).

instrument {name} "{title}" {{
  number {number} year {year}
  signed {year}-01-01
  in_force {year}-01-02 to {year}-01-31
  doc "Replace the dates with those of the instrument: signed, and in force from and to."
  structure {{
    KESATU {{ a b }}
    KEDUA
  }}
}}

fact kegiatan: enum {{ makan_di_tempat, lainnya }} "The activity asked about."

measure kapasitas: percent "The largest share of the capacity that may be used."

rule makan_di_tempat "Makan di tempat" {{
  when kegiatan == makan_di_tempat
  then kapasitas = 50%
  cite {name} KESATU a "quote here the sentence of the instrument that says so;"
}}

example makan_di_tempat_separuh "Dine-in at half capacity" {{
  at {year}-01-10
  given kegiatan = makan_di_tempat
  expect kapasitas = 50%
  cite {name} KESATU a
}}
'''

CONFIG = '''\
# ppkm settings for the policies in this directory and below it (see `ppkm check --help`).
# select = ["PPK"]          # report only codes with these prefixes
# ignore = []               # never report these codes
# exclude = []              # paths (globs) that `ppkm check DIR` skips
# fail-level = "error"      # "warning" makes warnings fail too
'''


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAME",
                        help="the instrument's name, in lower case with underscores (e.g. inmendagri_67_2021)")
    parser.add_argument("--title", help="the instrument's title (default: made from NAME)")
    parser.add_argument("--dir", default=".", metavar="DIR", help="where to write NAME.ppkm (default: here)")


def run(args, ctx) -> int:
    name = args.name
    if not NAME.fullmatch(name):
        return ctx.fail(f"`{name}` cannot name an instrument",
                        hint="use lower-case letters, digits and `_`, starting with a letter: inmendagri_67_2021")
    folder = Path(args.dir)
    target = folder / f"{name}.ppkm"
    if target.exists():
        return ctx.fail(f"`{target}` already exists; it was left as it is", hint="choose another NAME or --dir")
    m = NUMBERED.fullmatch(name)
    number, year = (int(m.group(1)), int(m.group(2))) if m else (1, 2021)
    title = args.title or name.replace("_", " ").capitalize()
    if '"' in title or "\\" in title or "\n" in title:
        return ctx.fail("the title cannot hold `\"`, `\\` or a line break")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as fh:
            fh.write(TEMPLATE.format(name=name, title=title, number=number, year=year))
        config = folder / "ppkm.toml"
        wrote_config = False
        from ppkm_lang.config import find_config
        if find_config(folder) is None:
            with config.open("x", encoding="utf-8") as fh:
                fh.write(CONFIG)
            wrote_config = True
    except OSError as exc:
        return ctx.fail(f"cannot write `{target}`: {exc.strerror or exc}")
    ctx.out.print(f"wrote {target}" + (f" and {config}" if wrote_config else ""))
    ctx.out.print(f"next: edit it, then `ppkm check {folder}` and `ppkm test {folder}`")
    return 0
