"""datamodel-code-generator's retry for circular root models, forked where it departs from the first parse.

With `collapse_root_models`, datamodel-code-generator 0.89.0 first parses keeping named only the root
models on a cycle through a mapping key; when inlining the others would make a type contain itself,
it parses the whole document again keeping every root model on a cycle named (Kombo's published
spec: 4.5 s of CPU lost on the parse that fails, out of 10 s). Both parses are the same up to the one
pass that reads the retry's switch (`set_circular_root_model_paths`). There, when the two choices of
root models differ, the process forks: the child goes on as the first parse, this process as the
retry would from that point. The child's answer decides what `run` returns:

- the first parse fails, as the model generator expects it to: this process's result is the retry's
  (both reached the fork in the same state), and the child has exited;
- the first parse succeeds (inlining a cycle does not always fail): the child finishes the
  generation and sends its source, which is what the model generator gives without the shortcut;
- anything else (the child fails otherwise or dies, this process fails): the call runs again, the
  public way.

Only the release named in PINNED_VERSION is hooked (its private names are checked first); any other
release, no fork, or other threads running, and the call runs the public way.
tests/unit/models/test_unit_collapse_retry.py fails loudly when the hooks are gone.
"""

from __future__ import annotations

import contextlib
import dataclasses
import inspect
import os
import pickle
import signal
import threading
from collections.abc import Callable, Iterator
from functools import lru_cache
from types import ModuleType
from typing import Any, NamedTuple

from ..foundation import dist_versions

PINNED_VERSION = "0.89.0"

# Runs through the model generator one at a time: the hooks are module attributes while installed.
_LOCK = threading.Lock()


class _Hooks(NamedTuple):
    facade: ModuleType  # datamodel_code_generator: `_parse_with_disposal`, one parse of a run
    plans: ModuleType  # its `set_circular_root_model_paths` chooses the root models kept named
    recursion_error: type[BaseException]  # what the first parse raises to ask for the retry


@lru_cache(maxsize=1)
def hooks() -> _Hooks | None:
    """The private names the shortcut uses, when this is the release it was written against."""
    try:
        if dist_versions.version("datamodel-code-generator") != PINNED_VERSION:
            return None
        import datamodel_code_generator as facade
        from datamodel_code_generator._shared_types import _CollapseRootModelsRecursionError
        from datamodel_code_generator.parser._passes import plans
        from datamodel_code_generator.parser.base import ParserRunContext
    except ImportError:
        return None
    choose = getattr(plans, "set_circular_root_model_paths", None)
    parse = getattr(facade, "_parse_with_disposal", None)
    if not callable(choose) or not callable(parse):
        return None
    if "require_dict_key_edge" not in inspect.signature(choose).parameters:
        return None
    if not {"preserve_circular_root_models", "suppress_parse_warnings"} <= {
        field.name for field in dataclasses.fields(ParserRunContext)
    }:
        return None
    return _Hooks(facade, plans, _CollapseRootModelsRecursionError)


def _can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


class _Child:
    """The forked first parse: its pid and the read end of the pipe its one answer comes through."""

    def __init__(self, pid: int, reader: int) -> None:
        self.pid, self.reader = pid, reader

    def answer(self) -> tuple[Any, ...]:
        try:
            with os.fdopen(self.reader, "rb") as pipe:
                data = pipe.read()
        finally:
            os.waitpid(self.pid, 0)
        try:
            answer = pickle.loads(data)
        except Exception:  # noqa: BLE001 - it died before it answered
            return ("died",)
        return answer if isinstance(answer, tuple) else ("died",)

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.close(self.reader)
        with contextlib.suppress(OSError):
            os.waitpid(self.pid, 0)


class _Run:
    """One call's state, shared by the two hooks."""

    def __init__(self, hooks: _Hooks) -> None:
        self.hooks = hooks
        self.parses = 0  # parses started, the first parse being 1
        self.chosen = False  # the first parse's choice of root models is made
        self.child: _Child | None = None
        self.writer: int | None = None  # set in the child only

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        facade, plans = self.hooks.facade, self.hooks.plans
        parse, choose = facade._parse_with_disposal, plans.set_circular_root_model_paths
        facade._parse_with_disposal = self._parse(parse)
        plans.set_circular_root_model_paths = self._choose(choose)
        try:
            yield
        finally:
            facade._parse_with_disposal, plans.set_circular_root_model_paths = parse, choose

    def answer_and_exit(self, answer: tuple[Any, ...]) -> None:
        """In the child: send `answer` and end at once (no cleanup of the parent's frames runs)."""
        assert self.writer is not None
        try:
            data = pickle.dumps(answer)
            while data:
                data = data[os.write(self.writer, data):]
        finally:
            os._exit(0)

    def _parse(self, parse: Callable[..., Any]) -> Callable[..., Any]:
        def one_parse(*args: Any, **kwargs: Any) -> Any:
            self.parses += 1
            number = self.parses
            try:
                return parse(*args, **kwargs)
            except self.hooks.recursion_error:
                if self.writer is not None and number == 1:  # the child: the retry is needed
                    self.answer_and_exit(("first parse fails",))
                raise

        return one_parse

    def _choose(self, choose: Callable[..., None]) -> Callable[..., None]:
        def choose_circular_roots(parser: Any, module_models: Any, *, require_dict_key_edge: bool = False) -> None:
            choose(parser, module_models, require_dict_key_edge=require_dict_key_edge)
            if self.chosen or self.parses != 1 or not require_dict_key_edge:
                return  # only the first parse's choice is forked
            self.chosen = True
            first = parser._recursion_facts
            choose(parser, module_models, require_dict_key_edge=False)  # the retry's choice
            retry = parser._recursion_facts
            parser._recursion_facts = first
            if first["circular_roots"] == retry["circular_roots"] or not _can_fork():
                return  # the parse goes on as the first parse, the public way
            reader, writer = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child goes on as the first parse
                os.close(reader)
                self.writer = writer
                return
            os.close(writer)
            self.child = _Child(pid, reader)
            # This process goes on as the retry: the root models it keeps, and its run settings.
            parser._recursion_facts = retry
            parser._run_context = dataclasses.replace(
                parser.run_context, preserve_circular_root_models=True, suppress_parse_warnings=True
            )

        return choose_circular_roots


def run(call: Callable[[], str]) -> str:
    """`call()`, a datamodel-code-generator `generate` with `collapse_root_models`, with the retry for
    circular root models forked from where it departs from the first parse (see the module doc)."""
    found = hooks()
    if found is None or not _can_fork() or not _LOCK.acquire(blocking=False):
        return call()
    state = _Run(found)
    try:
        with state.installed():
            try:
                source = call()
            except Exception:
                if state.writer is not None:
                    state.answer_and_exit(("failed",))
                if state.child is None:
                    raise
                source = None
            except BaseException:
                if state.writer is not None:
                    state.answer_and_exit(("failed",))
                raise
            if state.writer is not None:  # the child, after the first parse succeeded
                state.answer_and_exit(("public", source))
    except BaseException:
        if state.child is not None:
            state.child.stop()
        raise
    finally:
        _LOCK.release()
    if state.child is None:
        assert source is not None
        return source
    try:
        answer = state.child.answer()
    except BaseException:
        state.child.stop()
        raise
    if answer[0] == "first parse fails" and source is not None:
        return source
    if answer[0] == "public" and isinstance(answer[1], str):
        return answer[1]
    return call()
