"""The layout helpers print what black prints, and the client templates print black's layout, so
that black's first pass over a client module changes nothing and its second pass never runs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import black
import pytest

from generator.foundation import cache
from generator.ir.parser import build_api
from generator.reading.loader import load_spec
from generator.rendering import black_seed, layout
from generator.rendering import format as formatting
from generator.rendering.pysource import respelled_literals_only
from generator.rendering.render import render_package

PROJECT = Path(__file__).resolve().parents[3]
SPECS = sorted(PROJECT.glob("tests/golden/*/spec.yaml")) + sorted((PROJECT / "specs").glob("*.yaml"))
LENGTHS = range(1, 100, 3)


def _black_keeps(source: str) -> bool:
    once = black.format_str(source, mode=formatting.black_mode())
    return once == source or respelled_literals_only(source, once)


def _left_to_black(printed: str) -> bool:
    """A helper that does not know black's layout prints one line that does not fit."""
    return "\n" not in printed and not layout.fits(printed)


def _check(cases: list[tuple[str, Callable[[str], str]]]) -> None:
    known = [(printed, wrap(printed)) for printed, wrap in cases if not _left_to_black(printed)]
    assert len(known) > len(cases) // 2, "most shapes have a layout the helper knows"
    wrong = [source for _, source in known if not _black_keeps(source)]
    assert not wrong, wrong[0]


def _in_method(line: str) -> str:
    return f"class A:\n    def f(self, resource):\n{line}\n"


def _in_signature(line: str) -> str:
    return f"class A:\n    def f(\n        self,\n        *,\n{line}\n    ) -> None:\n        pass\n"


def _in_call(line: str) -> str:
    return f"class A:\n    def f(self):\n        r = g(\n            self._api.http,\n{line}\n            timeout=timeout,\n        )\n"


def test_calls_that_end_their_line() -> None:
    cases = []
    for n in LENGTHS:
        name = "n" * n
        cases += [
            (layout.call("        ", "check_param", [f'"{name}"', name, "str", "nullable=True"]), _in_method),
            (layout.call("        ", f"self.{name} = to_raw_response", [f"resource.{name}"]), _in_method),
            (layout.call("        ", f"return {name}Client", ["**options", "http_client=httpx.Client()"]),
             _in_method),
            (layout.call("        ", "raise ValueError", [f'"{name * 2}"']), _in_method),
            (layout.call("                ", '"X-Id": self._api.client_header', ['"id"', name, '"X_ID"'], ","),
             lambda line: _in_call(f"            headers={{\n{line}\n            }},")),
        ]
    _check(cases)


@pytest.mark.parametrize("default", ["", "NOT_GIVEN"])
def test_parameters_with_long_annotations(default: str) -> None:
    union = " | NotGiven" if default else ""
    cases = []
    for n in LENGTHS:
        for annotation in (
            f"list[{'A' * n} | dict[str, Any]]{union}",
            "Literal[" + ", ".join(f'"{"v" * (n // 3 + 1)}{i}"' for i in range(6)) + f"]{union}",
            f"list[{'B' * n}]{union}",
            f"dict[str, {'C' * n}]{union}",
        ):
            cases.append((layout.parameter("        ", "attributes", annotation, default), _in_signature))
    _check(cases)


def test_conditionals_and_concatenations_in_an_exploded_call() -> None:
    cases = []
    for n in LENGTHS:
        name = "m" * n
        cases.append((layout.conditional("            ", "None", "body is None",
                                         f"as_model({name}, body)", "body=", ","), _in_call))
        cases.append((layout.conditional("            ", name, f"{name} is not None",
                                         'os.environ.get("X_ENV")', tail=","), _in_call))
        path = " + ".join(f'"/seg{i}/" + encode_path_segment({name[: n // 2 + 1]}{i})' for i in range(3))
        cases.append((layout.concatenation("            ", path, ","), _in_call))
    _check(cases)


def test_imports() -> None:
    for count in range(1, 15):
        names = [f"Model{i:02d}" for i in range(count)]
        source = layout.import_from(".models", names) + "\n"
        assert _black_keeps(source), source


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_client_templates_print_what_black_prints(spec: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "_enabled", False)
    files = render_package(build_api(load_spec(spec), "x"), spec.name)
    seeded = black_seed.seeded()
    for path in ("x_client/_client.py", "x_client/testing.py"):
        for piece in formatting.split_module(files[path]):
            if formatting.seed_key(piece) in seeded:
                continue
            if spec.parent.name == "servers" and piece.startswith("def _server_url("):
                continue  # a server URL built from variables: black splits the sum in parentheses
            assert _black_keeps(piece), f"{path}: black changes\n{piece}"


@pytest.mark.parametrize(
    "source",
    [
        'class A(BaseModel):\n    """One line."""\n    x: int\n',
        'class A(BaseModel):\n    """\n    Several\n    lines.\n    """\n    x: int\n    y: str\n',
        'class A(BaseModel):\n    """Already apart."""\n\n    x: int\n',
        'class A(BaseModel):\n    """Nothing after it."""\n',
        'class A(RootModel[int]):\n    """A root."""\n    root: int\n\n\nclass B(BaseModel):\n    x: int\n',
        ('class A(BaseModel):\n    """Doc."""\n    status: Annotated[Literal[\'AAAAAAAAAAAAAA\', \'BBBBBBBBBBBBBBBBBBB\', '
        '\'CCCCCCCCCCCCCCCC\', \'DDDDDD\'], OpenEnum]\n    """Field doc."""\n'
        '    kind: Literal[\'KKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKK\']\n'),
    ],
)
def test_the_models_module_is_laid_out_as_black_lays_it_out(source: str) -> None:
    laid_out = layout.models_module(source)
    assert _black_keeps(laid_out), laid_out
