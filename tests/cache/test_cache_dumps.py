"""`cache.dumps` stores attrs objects as their fields' tuple: what it stores loads back to the
same values, every field included (spans too, which equality ignores), as `pickle.dumps`
would give them; classes that pickle in their own way are left to pickle."""

from __future__ import annotations

import pickle
from pathlib import Path

import attrs

from ppkm_lang import cache
from ppkm_lang.checker import check
from ppkm_lang.loader import load
from ppkm_lang.source import SourceFile
from ppkm_lang.syntax.parser import parse

REPO = Path(__file__).resolve().parents[2]


def full(value):
    """`value` with the class and every field of every attrs object, recursively."""
    if attrs.has(type(value)):
        return (type(value).__qualname__,) + tuple((f.name, full(getattr(value, f.name)))
                                                   for f in attrs.fields(type(value)))
    if isinstance(value, (tuple, list, set, frozenset)):
        items = sorted(map(repr, value)) if isinstance(value, (set, frozenset)) else value
        return (type(value).__name__,) + tuple(full(v) for v in items)
    if isinstance(value, dict):
        return ("dict",) + tuple((full(k), full(v)) for k, v in value.items())
    return (type(value).__name__, value)


def test_a_policy_its_findings_and_its_files_asts_load_back_whole():
    paths = [REPO / "policies"]
    result = load(paths)
    modules = [parse(SourceFile(name, source.text))[0] for name, source in result.sources.items()]
    findings = check(paths).diagnostics
    for value in ({"policy": result.policy, "diagnostics": result.diagnostics}, modules, findings):
        stored = cache.dumps(value)
        assert full(pickle.loads(stored)) == full(pickle.loads(pickle.dumps(value))) == full(value)
        assert len(stored) < len(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


@attrs.frozen
class Plain:
    a: int
    b: tuple = ()
    c: str = attrs.field(default="x", eq=False)


@attrs.frozen
class One:
    only: object


@attrs.frozen
class Empty:
    pass


@attrs.frozen
class OwnState:
    a: int

    def __getstate__(self):
        return {"a": self.a * 2}

    def __setstate__(self, state):
        object.__setattr__(self, "a", state["a"] // 2 + 1000)


@attrs.define(slots=False)
class NoSlots:
    a: int


def test_the_shapes_of_attrs_classes():
    value = [Plain(1, (One(Empty()), One(None)), "y"), Empty(), One(One(2))]
    back = pickle.loads(cache.dumps(value))
    assert full(back) == full(value) and back[0].c == "y"


def test_classes_that_pickle_their_own_way_keep_it():
    assert pickle.loads(cache.dumps(OwnState(1))).a == 1001  # its own __setstate__ ran
    assert pickle.loads(cache.dumps(NoSlots(3))).a == 3
    assert cache._fields_of(OwnState) is None and cache._fields_of(NoSlots) is None
    assert cache._fields_of(Plain)(Plain(1, (), "z")) == (1, (), "z")
