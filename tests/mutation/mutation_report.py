"""Mutants as people read them, the survivors' list that explains each one, and the results page."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Mutant:
    target: str
    scope: str  # the function or class it is in, e.g. "BaseAPI.build_request"; "<module>" outside
    operator: str
    before: str  # the changed source lines, stripped and joined
    after: str
    outcome: str  # killed, survived, timeout, skipped: <why>, error

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.target, self.scope, self.before, self.after)


@dataclass(frozen=True)
class Listed:
    """One entry of survivors.yaml: a mutant known to survive and why that is harmless."""

    target: str
    scope: str
    before: str
    after: str
    why: str

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.target, self.scope, self.before, self.after)


def load_listed(path: Path) -> list[Listed]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    listed = []
    for number, entry in enumerate(entries, start=1):
        missing = {"target", "scope", "before", "after", "why"} - set(entry)
        if missing:
            raise ValueError(f"{path.name}: entry {number} lacks {', '.join(sorted(missing))}")
        if not str(entry["why"]).strip():
            raise ValueError(f"{path.name}: entry {number} gives no reason")
        listed.append(Listed(*(str(entry[k]).strip() for k in ("target", "scope", "before", "after", "why"))))
    return listed


def scopes(source: str) -> list[tuple[int, int, str]]:
    """(first line, last line, qualified name) of every function and class, outermost first."""
    found: list[tuple[int, int, str]] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = f"{prefix}{child.name}"
                found.append((child.lineno, child.end_lineno or child.lineno, name))
                visit(child, name + ".")
            else:
                visit(child, prefix)

    visit(ast.parse(source), "")
    return found


def scope_of(line: int, known: Sequence[tuple[int, int, str]]) -> str:
    inner = [name for first, last, name in known if first <= line <= last]
    return inner[-1] if inner else "<module>"


def annotation_spans(source: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Where the annotations are, as ((line, column), (line, column)) with columns in characters.

    Only in a module with `from __future__ import annotations`, where they are never evaluated:
    a mutant inside one changes nothing at run time.
    """
    tree = ast.parse(source)
    lazy = any(
        isinstance(node, ast.ImportFrom) and node.module == "__future__"
        and any(alias.name == "annotations" for alias in node.names)
        for node in tree.body
    )
    if not lazy:
        return []
    lines = source.splitlines()

    def column(line: int, byte_offset: int) -> int:
        return len(lines[line - 1].encode("utf-8")[:byte_offset].decode("utf-8", errors="replace"))

    spans = []
    for node in ast.walk(tree):
        annotations: list[ast.expr | None] = []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            arguments = node.args
            every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs,
                     arguments.vararg, arguments.kwarg]
            annotations += [a.annotation for a in every if a is not None] + [node.returns]
        elif isinstance(node, ast.AnnAssign):
            annotations.append(node.annotation)
        for annotation in annotations:
            if annotation is not None and annotation.end_lineno is not None:
                start = (annotation.lineno, column(annotation.lineno, annotation.col_offset))
                end_column = column(annotation.end_lineno, annotation.end_col_offset or 0)
                spans.append((start, (annotation.end_lineno, end_column)))
    return spans


def changed_lines(diff: str) -> tuple[str, str]:
    """The removed and the added lines of a one-file unified diff, each stripped and joined."""
    removed, added = [], []
    for line in diff.splitlines():
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("-"):
            removed.append(line[1:].strip())
        elif line.startswith("+"):
            added.append(line[1:].strip())
    return " / ".join(removed), " / ".join(added)


@dataclass(frozen=True)
class TargetRun:
    name: str
    sources: list[str]
    tests: list[str]
    mutants: list[Mutant]
    seconds: float
    note: str = ""
    about: str = ""

    def count(self, *outcomes: str) -> int:
        return sum(1 for m in self.mutants if m.outcome.split(":")[0] in outcomes)

    @property
    def score(self) -> float | None:
        killed, survived = self.count("killed", "timeout"), self.count("survived")
        return killed / (killed + survived) if killed + survived else None


def unlisted(runs: Iterable[TargetRun], listed: Sequence[Listed]) -> list[Mutant]:
    known = {entry.key for entry in listed}
    return [m for run in runs for m in run.mutants if m.outcome == "survived" and m.key not in known]


def stale(runs: Sequence[TargetRun], listed: Sequence[Listed]) -> list[Listed]:
    """Listed survivors that a complete run of their target killed, or no longer produced."""
    complete = {run.name for run in runs if not run.note}
    surviving = {m.key for run in runs for m in run.mutants if m.outcome == "survived"}
    return [e for e in listed if e.target in complete and e.key not in surviving]


def _code(text: str) -> str:
    return "`` " + text.replace("|", "\\|") + " ``" if text else "(nothing)"


def results_page(runs: Sequence[TargetRun], listed: Sequence[Listed], header: str) -> str:
    why = {entry.key: entry.why for entry in listed}
    out = [
        "# Mutation run results",
        "",
        header,
        "",
        "| target | mutants | skipped | killed | timed out | survived | errors | score | minutes |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        score = f"{run.score:.1%}" if run.score is not None else "-"
        out.append(
            f"| {run.name}{' (' + run.note + ')' if run.note else ''} | {len(run.mutants)} "
            f"| {run.count('skipped')} | {run.count('killed')} | {run.count('timeout')} "
            f"| {run.count('survived')} | {run.count('error')} | {score} | {run.seconds / 60:.1f} |"
        )
    out += ["", "Score: killed and timed out / (killed + timed out + survived). Skipped: see the",
            "filters in tests/mutation/run.py (unevaluated annotations, operators left out).",
            "Errors: Cosmic Ray could not make the mutant (its exception replacer fails on a tuple",
            "of dotted exception names); they count neither way.", ""]
    for run in runs:
        out += [f"## {run.name}", "", *([run.about, ""] if run.about else []), "Mutated: " + ", ".join(f"`{s}`" for s in run.sources),
                "", "Tests: " + ", ".join(f"`{t}`" for t in run.tests), ""]
        survivors = [m for m in run.mutants if m.outcome == "survived"]
        errors = [m for m in run.mutants if m.outcome == "error"]
        if not survivors and not errors:
            out += ["No survivors.", ""]
        for mutant in survivors + errors:
            reason = why.get(mutant.key)
            verdict = "error: Cosmic Ray could not make this mutant" if mutant.outcome == "error" else (
                f"listed: {reason}" if reason else "**survived, not listed in survivors.yaml**")
            out.append(f"- `{mutant.scope}` ({mutant.operator}): {_code(mutant.before)} -> "
                       f"{_code(mutant.after)}. {verdict}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
