"""Where the gazetteer comes from: flag, then PPKM_GAZETTEER, then the nearest ppkm.toml."""

import pytest

from ppkm_lang.config import ConfigError, find_config, resolve_gazetteer


@pytest.fixture
def tree(tmp_path):
    """tmp/ with three gazetteer dirs and a project holding ppkm.toml and a nested folder."""
    for name in ("from_flag", "from_env", "project/data/gaz"):
        (tmp_path / name).mkdir(parents=True)
    (tmp_path / "project" / "policies" / "2021").mkdir(parents=True)
    (tmp_path / "project" / "ppkm.toml").write_text('gazetteer = "data/gaz"\n')
    return tmp_path


def test_flag_wins(tree):
    env = {"PPKM_GAZETTEER": str(tree / "from_env")}
    assert resolve_gazetteer("../from_flag", tree / "project", env=env) == \
        tree / "project" / "../from_flag"


def test_environment_before_config_file(tree):
    env = {"PPKM_GAZETTEER": "../from_env"}
    assert resolve_gazetteer(None, tree / "project", env=env) == tree / "project" / "../from_env"


def test_config_file_in_a_parent_relative_to_that_file(tree):
    cwd = tree / "project" / "policies" / "2021"
    found = resolve_gazetteer(None, cwd, env={})
    assert found.resolve() == (tree / "project" / "data" / "gaz").resolve()
    assert find_config(cwd).resolve() == (tree / "project" / "ppkm.toml").resolve()


def test_empty_environment_variable_is_ignored(tree):
    found = resolve_gazetteer(None, tree / "project", env={"PPKM_GAZETTEER": ""})
    assert found.resolve() == (tree / "project" / "data" / "gaz").resolve()


def test_nothing_configured(tmp_path):
    assert resolve_gazetteer(None, tmp_path, env={}) is None


def test_config_file_without_gazetteer_key(tmp_path):
    (tmp_path / "ppkm.toml").write_text("# nothing yet\n")
    assert resolve_gazetteer(None, tmp_path, env={}) is None


def test_absolute_paths_are_kept(tree):
    assert resolve_gazetteer(str(tree / "from_flag"), tree / "project", env={}) == tree / "from_flag"


@pytest.mark.parametrize("flag, env, toml, fragment", [
    ("nope", {}, None, "the path given to `--gazetteer`"),
    (None, {"PPKM_GAZETTEER": "nope"}, None, "PPKM_GAZETTEER"),
    (None, {}, 'gazetteer = "nope"', "`gazetteer` in"),
    (None, {}, "gazetteer = 3", "must be a non-empty string"),
    (None, {}, "gazetteer = [", "is not valid TOML"),
    ("", {}, None, "empty path"),
])
def test_configured_but_unusable_is_an_error(tmp_path, flag, env, toml, fragment):
    if toml is not None:
        (tmp_path / "ppkm.toml").write_text(toml + "\n")
    with pytest.raises(ConfigError) as info:
        resolve_gazetteer(flag, tmp_path, env=env)
    assert fragment in str(info.value)
    if "nope" in (flag, env.get("PPKM_GAZETTEER"), toml or ""):
        assert "does not exist" in str(info.value) and "nope" in str(info.value)


def test_reads_the_process_environment_by_default(tree, monkeypatch):
    monkeypatch.setenv("PPKM_GAZETTEER", str(tree / "from_env"))
    assert resolve_gazetteer(None, tree) == tree / "from_env"
