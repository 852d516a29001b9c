"""`ppkm diff OLD NEW`, `ppkm diff PATH... --rev REV`, `ppkm diff PATH... --at D1 --vs D2`: where
two versions of a policy (or one policy on two days) answer differently.

Each difference is a region of the inputs, with a witness, the answer on each side with its
deciding rules and citations, and the kab/kota it touches (`--weights FILE`: a CSV of a weight
per kab/kota, such as population, for a weighted total). Exit 0 when equivalent, 1 when
different, 2 on input problems.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from pathlib import Path

HELP = "show where two versions of a policy, or one policy on two dates, give different answers"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="OLD NEW (two policies), or the policy paths with --rev or --at/--vs")
    parser.add_argument("--rev", metavar="REV", help="compare the git revision REV of PATH... with the working tree")
    parser.add_argument("--at", metavar="YYYY-MM-DD",
                        help="with --vs: the first day (one policy); alone: compare two policies on this day")
    parser.add_argument("--vs", metavar="YYYY-MM-DD", help="the second day to compare with --at")
    parser.add_argument("--measure", action="append", default=[], metavar="NAME",
                        help="compare only this measure or derived fact (repeatable)")
    parser.add_argument("--weights", metavar="FILE", help="CSV of kab/kota,weight for a weighted impact")
    parser.add_argument("--limit", type=int, default=10, metavar="N",
                        help="regions shown per measure in text and markdown (default 10; 0: all)")
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                        help="text for people (default), json (versioned), markdown for a review comment")
    parser.add_argument("--output", metavar="FILE", help="write the report to FILE (atomically)")


def _load(paths, ctx):
    from ppkm_lang.cli.eval import load_prepared
    prepared, _ = load_prepared(paths, ctx)
    return prepared


def _revision_copy(rev: str, paths: list[str], ctx, tmp: Path) -> list[Path] | str:
    """The paths as they are in `rev`, written under `tmp`; or the reason they cannot be."""
    try:
        top = Path(subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=ctx.cwd, capture_output=True,
                                  text=True, check=True).stdout.strip())
    except (OSError, subprocess.CalledProcessError):
        return f"`{ctx.cwd}` is not inside a git repository"
    out = []
    for raw in paths:
        path = (ctx.cwd / raw).resolve()
        try:
            rel = path.relative_to(top.resolve())
        except ValueError:
            return f"`{raw}` is outside the repository at `{top}`"
        # The folder of a file is copied too: its imports are read beside it.
        folder = rel if path.is_dir() else rel.parent
        listed = subprocess.run(["git", "ls-tree", "-r", "--name-only", rev, "--", f"{folder}/" if str(folder) != "." else "."],
                                cwd=top, capture_output=True, text=True)
        if listed.returncode != 0:
            return f"git cannot read revision `{rev}`: {listed.stderr.strip().splitlines()[-1] if listed.stderr.strip() else 'unknown revision'}"
        names = [n for n in listed.stdout.splitlines() if n.endswith(".ppkm") or n.endswith("ppkm.toml")]
        if not path.is_dir() and str(rel) not in names:
            return f"`{rel}` is not in revision `{rev}`"
        if not names:
            return f"revision `{rev}` has no policy files under `{folder}`"
        for name in names:
            shown = subprocess.run(["git", "show", f"{rev}:{name}"], cwd=top, capture_output=True)
            if shown.returncode != 0:
                return f"git cannot show `{rev}:{name}`"
            target = tmp / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(shown.stdout)
        out.append(tmp / rel)
    return out


def run(args, ctx) -> int:
    from ppkm_lang.diagnostics.codes import MALFORMED_INPUT, UNREADABLE_REVISION, UNREADABLE_WEIGHTS_FILE
    from ppkm_lang.eval.inputs import InputError, parse_date

    if args.vs is not None and args.at is None:
        return ctx.fail("`--vs` needs `--at`: the two days to compare", hint="ppkm diff policies/ --at 2021-04-10 --vs 2021-07-22")
    if args.vs is not None and args.rev is not None:
        return ctx.fail("give either `--rev` (two versions) or `--at`/`--vs` (two days), not both")
    if args.rev is None and args.vs is None and len(args.paths) != 2:
        return ctx.fail(f"`ppkm diff` compares two policies: give OLD and NEW (got {len(args.paths)} path(s))",
                        hint="or compare with a git revision (`--rev main`) or two days (`--at D1 --vs D2`)")
    if args.output:  # judged before any work: nothing is computed for a report with nowhere to go
        from ppkm_lang.cli.outputs import refuse_file
        if (refused := refuse_file(ctx, args.output)) is not None:
            return refused
    try:
        day1 = parse_date(args.at, "the `--at` date") if args.at else None
        day2 = parse_date(args.vs, "the `--vs` date") if args.vs else None
    except InputError as exc:
        return ctx.fail(exc.message, code=exc.code, hint=exc.help)

    with tempfile.TemporaryDirectory(prefix="ppkm-diff-") as tmp:
        if args.vs is not None:
            old = new = _load(args.paths, ctx)
            if old is None:
                return 2
            labels = (args.at, args.vs)
        elif args.rev is not None:
            copied = _revision_copy(args.rev, args.paths, ctx, Path(tmp))
            if isinstance(copied, str):
                return ctx.fail(copied, code=UNREADABLE_REVISION)
            old = _load([str(p) for p in copied], ctx)
            new = _load(args.paths, ctx)
            if old is None or new is None:
                return 2
            labels = (f"{args.rev}:{' '.join(args.paths)}", " ".join(args.paths))
        else:
            old = _load([args.paths[0]], ctx)
            new = _load([args.paths[1]], ctx)
            if old is None or new is None:
                return 2
            labels = (args.paths[0], args.paths[1])
        return _compare(args, ctx, old, new, day1, day2, labels, UNREADABLE_WEIGHTS_FILE, MALFORMED_INPUT)


def _compare(args, ctx, old, new, day1, day2, labels, weights_code, input_code) -> int:
    from ppkm_lang.diff import diff_dates, diff_policies
    from ppkm_lang.diff import report

    known = set(old.policy.measures) | set(old.policy.facts) | set(new.policy.measures) | set(new.policy.facts)
    unknown = [m for m in args.measure if m not in known]
    if unknown:
        from ppkm_lang.semantics.suggest import did_you_mean
        return ctx.fail(f"`{unknown[0]}` is not a measure or derived fact of the policies", code=input_code,
                        hint=did_you_mean(unknown[0], sorted(known)))
    targets = args.measure or None
    if day2 is not None:
        diff = diff_dates(old.policy, day1, day2, targets)
        kind = "dates"
        sides = ({"label": labels[0], "at": day1.isoformat(), "in_force": old.policy.in_force(day1)},
                 {"label": labels[1], "at": day2.isoformat(), "in_force": old.policy.in_force(day2)})
    else:
        diff = diff_policies(old.policy, new.policy, targets, day=day1)
        kind = "policies"
        sides = ({"label": labels[0], "files": list(old.policy.files)},
                 {"label": labels[1], "files": list(new.policy.files)})
    weights = None
    if args.weights:
        try:
            text = Path(args.weights).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            return ctx.fail(f"cannot read `{args.weights}`: {exc}", code=weights_code)
        known_regions = set()
        for d in diff.region_dims:
            known_regions |= set(diff.space.dims[d].full)
        try:
            weights = report.read_weights(text, known_regions)
        except report.WeightsError as exc:
            return ctx.fail(f"`{args.weights}`: {exc}", code=weights_code)
    measures = set(old.policy.measures) | set(new.policy.measures)
    from ppkm_lang.cli.eval import write_json, write_output
    limit = args.limit if args.limit > 0 else 1 << 30
    if args.format == "json":
        write_json(ctx, args, report.to_json(diff, sides[0], sides[1], kind, weights, measures))
    elif args.format == "markdown":
        text = report.to_markdown(diff, labels[0], labels[1], weights, limit)
        write_output(ctx, args, lambda console: console.file.write(text))
    else:
        write_output(ctx, args, lambda console: render(console, diff, labels, weights, limit))
    return 0 if diff.equivalent else 1


def render(console, diff, labels, weights, limit: int) -> None:
    from rich.text import Text

    from ppkm_lang.diff.report import _names, _weight, cite_line, target_text, transitions, witness_text

    console.print(Text.assemble(("ppkm diff ", "bold"), labels[0], " → ", labels[1]), soft_wrap=True)
    if diff.equivalent:
        console.print(Text(f"equivalent: the {len(diff.targets)} measures and derived facts compared give the same "
                           "answer for every input", style="bold green"), soft_wrap=True)
        return
    for target in diff.changed_targets():
        changes = [c for c in diff.changes if c.target == target]
        names = diff.touched(changes)
        count = f"  {len(changes)} region(s)" + (f", {len(names)} kab/kota" if diff.region_dims else "")
        console.print(Text.assemble(("\n" + target, "bold"), count), soft_wrap=True)
        console.print(Text(f"  {transitions(changes)}", style="bold"), soft_wrap=True)
        for c in changes[:limit]:
            console.print(Text.assemble("  where ", (target_text(diff, c), "cyan")), soft_wrap=True)
            for word, side, style in (("old", c.old, "red"), ("new", c.new, "green")):
                line = Text.assemble(f"    {word}: ", (side.label, style))
                if side.cites:
                    line.append(f"  ({cite_line(side)})", style="dim")
                console.print(line, soft_wrap=True)
            console.print(Text(f"    e.g. {witness_text(c.witness)}", style="dim"), soft_wrap=True)
            touched = diff.touched([c])
            if diff.region_dims:
                console.print(Text(f"    kab/kota: {len(touched)} ({_names(touched)})", style="dim"), soft_wrap=True)
        if len(changes) > limit:
            console.print(Text(f"  ... and {len(changes) - limit} more region(s) (--limit 0 shows all)", style="dim"))
    touched = diff.touched()
    summary = (f"\n{len(diff.changes)} region(s) differ in {len(diff.changed_targets())} of {len(diff.targets)} "
               f"measures and derived facts" + (f"; {len(touched)} kab/kota touched" if diff.region_dims else ""))
    if weights is not None:
        summary += f", weight {_weight(touched, weights)}"
    console.print(Text(summary, style="bold yellow"), soft_wrap=True)
