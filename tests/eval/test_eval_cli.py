"""`ppkm eval` and `ppkm explain` through their run(args, ctx), with a stand-in context whose
consoles write to strings, and end to end through `ppkm_lang.cli.main`."""

import argparse
import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from ppkm_lang.cli import eval as eval_cli
from ppkm_lang.cli import explain as explain_cli
from ppkm_lang.cli.common import print_error

DATA = Path(__file__).parent / "data"
DEMO = str(DATA / "demo.ppkm")


class Ctx:
    """The part of the CLI context the verbs use."""

    def __init__(self, gazetteer=False):  # False: no gazetteer at all (None would be the embedded one)
        self.out = Console(file=io.StringIO(), width=200, no_color=True, highlight=False)
        self.err = Console(file=io.StringIO(), width=200, no_color=True, highlight=False)
        self.gazetteer = gazetteer

    def write(self, text):
        self.out.file.write(text)

    def fail(self, message, *, code=None, hint=None):
        print_error(self.err, message, code=code, hint=hint)
        return 2

    @property
    def stdout(self):
        return self.out.file.getvalue()

    @property
    def stderr(self):
        return self.err.file.getvalue()


def call(module, argv, ctx=None):
    parser = argparse.ArgumentParser()
    module.add_arguments(parser)
    ctx = ctx or Ctx()
    code = module.run(parser.parse_args(argv), ctx)
    return code, ctx


def test_eval_text_table_and_derived_facts():
    code, ctx = call(eval_cli, [DEMO, "--at", "2021-07-22", "--set", "wilayah=Kota Medan", "--set", "kegiatan=makan"])
    assert code == 0, ctx.stderr
    out = ctx.stdout
    assert "On 2021-07-22, in force: demo_2021" in out
    assert "kapasitas" in out and "0%" in out and "KEDUA huruf b" in out
    assert "tidak menerima makan di tempat" in out
    assert "level" in out and "level_4" in out and "level_table#1" in out
    assert "Undetermined: 1 measures" in out and "jam_tutup" not in out
    code, ctx = call(eval_cli, [DEMO, "--at", "2021-07-22", "--set", "wilayah=Kota Medan", "--set", "kegiatan=makan",
                                "--all"])
    assert "Undetermined: 1 measures" in ctx.stdout and "jam_tutup" in ctx.stdout


def test_eval_json_contract():
    code, ctx = call(eval_cli, [DEMO, "--at", "2021-07-22", "--set", "wilayah=KOTA SIBOLGA", "--set", "kegiatan=makan",
                                "--format", "json"])
    # Without a gazetteer, a kab/kota the policy does not name is refused.
    assert code == 2 and "[PPK602]" in ctx.stderr and "gazetteer" in ctx.stderr
    code, ctx = call(eval_cli, [DEMO, "--at", "2021-07-22", "--set", "wilayah=KOTA MEDAN", "--set",
                                "kegiatan=mall", "--set", "positivity=4.5%", "--format", "json"])
    assert code == 0
    doc = json.loads(ctx.stdout)
    assert doc["version"] == 2 and doc["at"] == "2021-07-22" and doc["in_force"] == ["demo_2021"]
    assert doc["given"] == {"wilayah": "KOTA MEDAN", "kegiatan": "mall", "positivity": 4.5}
    level = doc["facts"]["level"]
    assert level["status"] == "definite" and level["value"] == "level_4" and level["rule"] == "level_table#1"
    k = doc["measures"]["kapasitas"]
    assert k["status"] == "definite" and k["relevant"] is True and k["needs"] == []
    assert {k[f] for f in ("value", "unit", "rule", "instrument")} == {50, "%", "mall_rendah", "demo_2021"}
    assert k["cite"] == "demo_2021 KEDUA huruf c" and k["text"] == "mall 50% bila positivity di bawah 5%"
    assert doc["measures"]["jam_tutup"]["status"] == "undetermined"
    assert doc["conflicts"] == [] and doc["next_question"] is None


def test_no_instrument_in_force_is_an_answer():
    code, ctx = call(eval_cli, [DEMO, "--at", "2021-07-26", "--set", "kegiatan=makan"])
    assert code == 0 and "no instrument in force on 2021-07-26 [PPK605]" in ctx.stdout
    code, ctx = call(eval_cli, [DEMO, "--at", "2021-07-26", "--format", "json"])
    doc = json.loads(ctx.stdout)
    assert code == 0 and doc["in_force"] == [] and doc["note"] == "no instrument in force on 2021-07-26"
    assert doc["note_code"] == "PPK605"
    assert {m["status"] for m in doc["measures"].values()} == {"undetermined"}


@pytest.mark.parametrize("argv, code_text", [
    (["--at", "2021-07-22", "--set", "kegiatn=makan"], "PPK601"),
    (["--at", "2021-07-22", "--set", "kegiatan=tidur"], "PPK602"),
    (["--at", "22-07-2021"], "PPK603"),
    (["--at", "2021-07-22", "--set", "positivity=lima"], "PPK603"),
    (["--at", "2021-07-22", "--set", "kegiatan"], "PPK603"),
    (["--set", "kegiatan=makan"], "PPK603"),
    (["--at", "2021-07-22", "--facts", "/nonexistent/facts.json"], "PPK604"),
])
def test_bad_input_is_a_coded_error_with_exit_2(argv, code_text):
    code, ctx = call(eval_cli, [DEMO, *argv])
    assert code == 2 and f"[{code_text}]" in ctx.stderr and ctx.stdout == ""
    assert "Traceback" not in ctx.stderr


def test_bad_enum_value_lists_the_allowed_values():
    code, ctx = call(eval_cli, [DEMO, "--at", "2021-07-22", "--set", "kegiatan=mal"])
    assert "did you mean `mall`?" in ctx.stderr and "allowed values: makan, mall" in ctx.stderr


def test_facts_file_json_and_set_wins(tmp_path):
    facts = tmp_path / "f.json"
    facts.write_text('{"wilayah": "Kota Medan", "kegiatan": "mall", "positivity": 4.9, "level": null}')
    code, ctx = call(eval_cli, [DEMO, "--at", "2021-07-22", "--facts", str(facts), "--format", "json"])
    assert code == 0 and json.loads(ctx.stdout)["measures"]["kapasitas"]["value"] == 50
    code, ctx = call(eval_cli, [DEMO, "--at", "2021-07-22", "--facts", str(facts), "--set", "positivity=5",
                                "--format", "json"])
    assert json.loads(ctx.stdout)["measures"]["kapasitas"]["status"] == "undetermined"
    for bad in ("[1, 2]", "{not json", '{"kegiatan": {"a": 1}}'):
        facts.write_text(bad)
        code, ctx = call(eval_cli, [DEMO, "--at", "2021-07-22", "--facts", str(facts)])
        assert code == 2 and "[PPK604]" in ctx.stderr
    facts.write_bytes(b'{"kegiatan": "\xff"}')
    assert call(eval_cli, [DEMO, "--at", "2021-07-22", "--facts", str(facts)])[0] == 2


def test_output_file_is_written(tmp_path):
    out = tmp_path / "r.json"
    code, ctx = call(eval_cli, [DEMO, "--at", "2021-07-22", "--set", "kegiatan=makan", "--format", "json",
                                "--output", str(out)])
    assert code == 0 and ctx.stdout == "" and json.loads(out.read_text())["at"] == "2021-07-22"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]  # no temporary file left behind


def test_load_errors_are_printed_and_exit_1(tmp_path):
    bad = tmp_path / "bad.ppkm"
    bad.write_text("rule r {\n  when zona = merah\n}\n")
    code, ctx = call(eval_cli, [str(bad), "--at", "2021-07-22"])
    assert code == 1 and "PPK101" in ctx.stderr and ctx.stdout == ""
    code, ctx = call(eval_cli, [str(tmp_path / "missing.ppkm"), "--at", "2021-07-22"])
    assert code == 2 and "PPK102" in ctx.stderr


def test_explain_text_and_json():
    argv = [DEMO, "--at", "2021-07-22", "--set", "wilayah=KOTA MEDAN", "--set", "kegiatan=makan"]
    code, ctx = call(explain_cli, argv)
    assert code == 0, ctx.stderr
    out = ctx.stdout
    assert "`kapasitas` is 0%, decided by rule `makan_l4` (Makan, level 4)" in out
    assert "“tidak menerima makan di tempat”" in out
    assert "Rule `makan_l3` does not apply: `level` is level_4, the rule needs level_3." in out
    assert "Row 2 of table `level_table` applies (it would give level_3) but is overridden by row 1" in out
    code, ctx = call(explain_cli, [*argv, "--format", "json", "--only", "kapasitas"])
    doc = json.loads(ctx.stdout)
    assert [t["name"] for t in doc["explanation"]["targets"]] == ["kapasitas"]
    assert doc["explanation"]["targets"][0]["rules"][0]["status"] == "decided"


def test_explain_refuses_tables_and_unknown_names(tmp_path):
    cases = tmp_path / "c.csv"
    cases.write_text("kegiatan\nmakan\n")
    code, ctx = call(explain_cli, [DEMO, "--at", "2021-07-22", "--facts", str(cases)])
    assert code == 2 and "[PPK604]" in ctx.stderr
    code, ctx = call(explain_cli, [DEMO, "--at", "2021-07-22", "--only", "kapasitass"])
    assert code == 2 and "kapasitas" in ctx.stderr


def test_end_to_end_through_main(capsys, monkeypatch):
    from ppkm_lang.cli.main import main
    monkeypatch.delenv("PPKM_GAZETTEER", raising=False)
    monkeypatch.chdir(DATA)
    assert main(["eval", "demo.ppkm", "--at", "2021-07-22", "--set", "kegiatan=makan", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["in_force"] == ["demo_2021"]
    assert main(["eval", "demo.ppkm", "--at", "2021-07-22", "--set", "x=1"]) == 2
    assert "PPK601" in capsys.readouterr().err
