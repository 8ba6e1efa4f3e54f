"""The mutation run's own set-up, checked in the default suite: it cannot go stale unnoticed.

The run itself is slow and not part of the test command; these checks are fast. A module that
moves, a test file that is renamed or a runtime template that starts to differ between packages
where the carrying of mutants cannot follow, fails here, naming what to change.
"""

from __future__ import annotations

import glob
from pathlib import Path

import pytest
from mutation_carry import carry_edit
from mutation_report import annotation_spans, changed_lines, load_listed, scope_of, scopes
from mutation_targets import TARGETS

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


@pytest.mark.parametrize("target", TARGETS, ids=[t.name for t in TARGETS])
def test_every_target_names_modules_and_tests_that_exist(target) -> None:
    matched = [p for pattern in target.sources for p in glob.glob(str(ROOT / pattern))]
    assert matched, f"{target.name}: no module matches {target.sources}; update mutation_targets.py"
    for test in target.tests:
        assert glob.glob(str(ROOT / test.split("::")[0])), f"{target.name}: nothing matches {test}"


def renderings() -> list[str]:
    (runtime,) = [t for t in TARGETS if t.name == "runtime"]
    paths = sorted(p for pattern in runtime.sources for p in glob.glob(str(ROOT / pattern)))
    assert len(paths) >= 2
    return [Path(p).read_text(encoding="utf-8") for p in paths]


def test_a_mutant_of_the_first_rendering_reaches_every_other_one() -> None:
    home, *siblings = renderings()
    line = "        return status is None or status in RETRY_STATUSES\n"
    assert home.count(line) == 1, "pick another line of the runtime for this test"
    mutated = home.replace(line, line.replace(" or ", " and "))
    for sibling in siblings:
        carried = carry_edit(home, mutated, sibling)
        assert carried is not None
        assert carried == sibling.replace(line, line.replace(" or ", " and "))
        assert carried != mutated, "each package keeps its own names and version"


def test_an_edit_of_a_line_only_one_package_has_is_not_carried() -> None:
    home, *siblings = renderings()
    logger_line = next(line for line in home.splitlines(keepends=True) if "getLogger(" in line)
    assert all(logger_line not in sibling for sibling in siblings)
    mutated = home.replace(logger_line, logger_line.replace("getLogger", "getLoggerClass"))
    assert all(carry_edit(home, mutated, sibling) is None for sibling in siblings)


def test_inserted_and_deleted_lines_are_carried() -> None:
    base = "a = 1\nNAME = 'x'\nb = 2\nc = 3\n"
    sibling = "a = 1\nNAME = 'y'\nb = 2\nc = 3\n"
    assert carry_edit(base, "a = 1\nNAME = 'x'\nb = 2\npass\nc = 3\n", sibling) == (
        "a = 1\nNAME = 'y'\nb = 2\npass\nc = 3\n"
    )
    assert carry_edit(base, "a = 1\nNAME = 'x'\nc = 3\n", sibling) == "a = 1\nNAME = 'y'\nc = 3\n"


def test_annotations_count_as_unevaluated_only_under_lazy_annotations() -> None:
    source = "def f(x: int | None) -> str | None:\n    return str(x | 1)\n"
    assert annotation_spans(source) == []
    lazy = "from __future__ import annotations\n" + source
    spans = annotation_spans(lazy)
    assert ((2, 9), (2, 19)) in spans and ((2, 24), (2, 34)) in spans
    assert not any(a <= (3, 17) < b for a, b in spans)  # `x | 1` in the body is code


def test_mutants_are_named_by_their_function_and_lines() -> None:
    source = "class A:\n    def f(self):\n        return 1\n\nX = 2\n"
    assert scope_of(3, scopes(source)) == "A.f"
    assert scope_of(5, scopes(source)) == "<module>"
    diff = "--- a/m.py\n+++ b/m.py\n@@ -3 +3 @@\n-        return 1\n+        return 2\n"
    assert changed_lines(diff) == ("return 1", "return 2")


def test_every_listed_survivor_says_why_it_is_harmless() -> None:
    for entry in load_listed(HERE / "survivors.yaml"):
        assert entry.target in {t.name for t in TARGETS}
        assert len(entry.why.split()) >= 5, f"{entry.scope}: say why this mutant is harmless"
