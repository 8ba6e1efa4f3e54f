"""load -> validate -> IR -> render -> format: pure steps that return files in memory."""

from __future__ import annotations

import dataclasses
import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .foundation import cache, progress
from .foundation.diagnostics import Diagnostic, SpecError
from .foundation.fingerprint import generator_fingerprint
from .foundation.forked import ForkedCall
from .ir.nodes import Api
from .ir.parser import build_api
from .models.datamodel import UnexpectedFieldName
from .output.config import SpecOptions
from .output.layout import provider_for
from .reading.loader import LoadedSpec, load_spec
from .rendering import black_helper
from .rendering.ast_check import SpecTexts, spec_texts
from .rendering.format import format_ahead, format_files
from .rendering.render import render_package
from .rendering.spec_text_verdicts import checked_problems


@dataclass(frozen=True)
class Generated:
    """One rendered package: its files by relative path, ready to write."""

    provider: str
    spec: LoadedSpec
    files: dict[str, str]


# From this much spec text on, openapi-spec-validator runs in a forked copy of the process while the
# IR is built. Importing it alone costs 0.2 s, so even a 10 KB spec gains (measured on 2 cores:
# 0.1 s for 10 KB, 0.25 s for 30 KB, seconds for a big spec); tests raise it to compare.
BACKGROUND_VALIDATION_MIN_CHARS = 0


def load_and_validate(spec_path: Path, display_name: str | None = None) -> LoadedSpec:
    spec = load_spec(spec_path, display_name)
    Validation(spec)  # raises SpecError with every problem
    return spec


def build_configured_api(spec: LoadedSpec, provider: str, options: SpecOptions | None = None) -> Api:
    """The IR of a spec, with what the repository's [tool.clientgen] sets for it."""
    options = options or SpecOptions()
    progress.step(provider, "building models and operations")
    document = options.apply(spec.data)
    configured = spec if document is spec.data else dataclasses.replace(spec, data=document)
    return build_api(
        configured, provider, package=options.package, models_pending=functools.partial(_format_ahead, spec)
    )


def _format_ahead(spec: LoadedSpec, predicted: Callable[[], Api]) -> None:
    """While the model generator runs in its helper: the package rendered from the IR predicted
    without it, for black's helper to format ahead what the cache lacks (about 1.1 s of black's
    3.9 s of CPU on a cold run of Kombo's full spec: the methods that take no body, the runtime).
    The run's own formatting then finds in the cache whatever came out the same.

    A method whose body has a model is left out: its keyword arguments are the model's fields
    and `body=` takes its type, which only the model generator knows; predicted, 400 of 1,000
    operations came out otherwise, a quarter of black's CPU meanwhile, in vain."""
    if black_helper.current() is not None:
        api = predicted()
        modelled = {op.method_name for resource in api.resources for op in resource.operations
                    if op.body is not None and op.body.model}
        format_ahead(render_package(api, spec.path.name), leave_out=modelled)


def _refers_within(spec: LoadedSpec) -> bool:
    """Whether every reference stays inside the document and resolves: the IR is built only from
    such a spec before its verdict, so nothing can make it read a file or the network."""
    from .reading.validator import reference_problems

    return not reference_problems(spec)


class Validation:
    """openapi-spec-validator and the house rules on one spec; `wait()` raises SpecError with every
    problem found, and remembers a clean verdict in the cache.

    With `background`, the spec (from BACKGROUND_VALIDATION_MIN_CHARS on, with every reference
    inside the document) is validated in a forked copy of the process while the caller builds its
    IR; otherwise the work is done, and any problem raised, before the constructor returns.
    """

    def __init__(self, spec: LoadedSpec, background: bool = False) -> None:
        self._spec = spec
        self._key = cache.validation_key(spec.text, spec.path.suffix)
        self._problems: list[Diagnostic] | None = None
        self._worker: ForkedCall[list[Diagnostic]] | None = None
        self.known = cache.get("valid", self._key) is not None
        if self.known:  # only a clean result is kept
            self._problems = []
            self._key = ""
        elif background and len(spec.text) >= BACKGROUND_VALIDATION_MIN_CHARS and _refers_within(spec):
            self._worker = ForkedCall(self._validate, background=True)
        else:
            self._problems = self._validate()
            self.wait()

    def _validate(self) -> list[Diagnostic]:
        from .reading.validator import validate  # imports that a cached verdict does without

        return validate(self._spec)

    def wait(self) -> None:
        if self._worker is not None:
            self._problems = self._worker.result()
            self._worker = None
        if self._problems:
            raise SpecError(self._problems)
        if self._key:
            cache.put("valid", self._key, "")
            self._key = ""

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()


def _verify_python(spec: LoadedSpec, files: dict[str, str]) -> None:
    """Every generated module must parse and compile before anything reaches the disk (a module
    known to compile under this Python is not compiled again)."""
    for path, text in files.items():
        if not path.endswith(".py"):
            continue
        key = cache.make_key(sys.version, text)
        if cache.get("compiles", key) is not None:
            continue
        try:
            compile(text, path, "exec")  # as ast.parse then compile, minus building Python ASTs
        except SyntaxError as exc:
            raise SpecError([Diagnostic(spec.display_name, 1, 1, "#",
                                        f"generated {path} does not compile: {exc.msg}")])
        cache.put("compiles", key, "")


def _format(spec: LoadedSpec, rendered: dict[str, str]) -> dict[str, str]:
    """The rendered files through black, with the spec-text check run beside it: in black's
    helper where the run has one (while this process looks black's pieces up in the cache),
    else here while black's worker processes format a big package."""
    # Spec text only inside strings, or nothing is written. Checked on the code before black,
    # which would reformat leaked code (quotes, spacing) until it no longer reads like the spec
    # text. A clean verdict is kept under everything it depends on, so an unchanged package is
    # not searched again.
    modules = {path: text for path, text in rendered.items() if path.endswith(".py")}
    key = cache.make_key(
        generator_fingerprint(), spec.path.name, spec.text,
        *(part for module in sorted(modules.items()) for part in module),
    )
    checked = cache.get("spec-text", key) is not None
    helper = None if checked else black_helper.current()
    checking_there = helper is not None and helper.submit(modules)

    def check_here() -> None:
        problems = _spec_text_problems(spec, modules, black_helper.prepared())
        if problems:
            raise SpecError(problems)

    # Generated code is compiled once, after black; where anything fails before that, the
    # unformatted modules are compiled first, so code that does not compile is reported as such,
    # not as whatever the check or black make of it.
    try:
        not_here = checked or checking_there
        formatted = format_files(rendered, meanwhile=(lambda: None) if not_here else check_here)
        if checking_there and helper is not None:
            found = helper.job_result()
            if not isinstance(found, list):  # the helper failed: the check runs here
                check_here()
            elif found:
                raise SpecError(found)
    except Exception:
        _verify_python(spec, rendered)
        raise
    if not checked:
        cache.put("spec-text", key, "")
    return formatted


def _spec_text_problems(spec: LoadedSpec, modules: Any, texts: object) -> list[Diagnostic]:
    """The spec-text check, with the spec texts black's helper worked out where it did; each
    module searched only for what it was not found clean of before."""
    return checked_problems(spec, modules, texts if isinstance(texts, SpecTexts) else spec_texts(spec))


def generate_package(
    spec_path: Path, provider: str | None = None, display_name: str | None = None,
    package_version: Callable[[Api], str] | None = None, options: SpecOptions | None = None,
) -> Generated:
    """Render one spec into its package files, in memory. Raises SpecError for a bad spec.

    `package_version` picks the version from the IR (regenerate.py compares its API surface with
    the previous one); without it a package gets its first version. `options` (the repository's
    [tool.clientgen] for this spec) name the package and stand in for extensions the spec lacks.
    """
    options = options or SpecOptions()
    name = provider or provider_for(spec_path)
    progress.step(name, "loading the spec")
    spec = load_spec(spec_path, display_name)
    validation = Validation(spec, background=True)
    # The validator's verdict is awaited last, so that it runs beside everything else here: what
    # is built from the spec in the meantime stays in memory and is returned only after a clean
    # verdict, and any failure first reports the spec's own problems, as if validation ran first.
    # A spec not generated before has pieces for black: a helper imports it meanwhile, works out
    # what the spec-text check looks for, and runs that check when the package is rendered.
    with black_helper.running(
        not validation.known, functools.partial(spec_texts, spec),
        functools.partial(_spec_text_problems, spec),
    ):
        files = _build_and_format(spec, name, validation, package_version, options)
    progress.step(name, "validating")
    validation.wait()
    _verify_python(spec, files)
    return Generated(name, spec, files)


def _build_and_format(
    spec: LoadedSpec, name: str, validation: Validation,
    package_version: Callable[[Api], str] | None, options: SpecOptions,
) -> dict[str, str]:
    try:
        try:
            api = build_configured_api(spec, name, options)
        except UnexpectedFieldName as exc:  # the validator reports these first
            raise SpecError([spec.diagnostic(("components", "schemas"), str(exc))]) from None
        if package_version is not None:
            api = dataclasses.replace(api, package_version=package_version(api))
        progress.step(name, "rendering")
        rendered = render_package(api, spec.path.name)
        progress.step(name, "formatting")
        return _format(spec, rendered)
    except Exception:
        validation.wait()
        raise
    except BaseException:  # an interrupt: the verdict is no longer wanted
        validation.cancel()
        raise
