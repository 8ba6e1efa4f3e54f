"""The clientgen command line: argument parsing and printing only."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from . import api
from .foundation import cache, oneshot, progress
from .foundation.diagnostics import SpecError, UserError
from .models import model_helper
from .rendering import black_helper


def _fail(error: SpecError) -> None:
    for diagnostic in error.diagnostics:
        click.echo(str(diagnostic), err=True)
    sys.exit(1)


class _Group(click.Group):
    """Turns an unexpected failure into one line; CLIENTGEN_DEBUG=1 shows the traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort, SystemExit):
            raise
        except UserError as error:  # no specs, a bad [tool.clientgen], an unwritable folder
            click.echo(str(error), err=True)
            sys.exit(1)
        except Exception as exc:  # a generator bug, not a spec problem: say so in one line
            if os.environ.get("CLIENTGEN_DEBUG") == "1":
                raise
            click.echo(f"clientgen: internal error: {type(exc).__name__}: {exc} "
                       "(rerun with CLIENTGEN_DEBUG=1 for details)", err=True)
            sys.exit(2)


def _no_cache(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if ctx.parent is None:  # the group's option decides for the whole run
        cache.set_enabled(not value)
    elif value:
        cache.set_enabled(False)


# Accepted before or after the command: `clientgen --no-cache generate`, `clientgen check --no-cache`.
_no_cache_option = click.option(
    "--no-cache", is_flag=True, expose_value=False, callback=_no_cache,
    help="Neither read nor write the cache of formatted code and models ($XDG_CACHE_HOME/clientgen).",
)


def _quiet(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.find_root().meta["clientgen.quiet"] = True


_quiet_option = click.option(
    "-q", "--quiet", is_flag=True, expose_value=False, callback=_quiet,
    help="Print only problems: no progress, no summary.",
)


def _is_quiet() -> bool:
    return bool(click.get_current_context().find_root().meta.get("clientgen.quiet"))


def _say(message: str) -> None:
    """An informational line on stdout; --quiet leaves it out."""
    if not _is_quiet():
        click.echo(message)


@contextmanager
def _progress() -> Iterator[None]:
    """Each package's current stage on one rewritten stderr line, on a terminal only."""
    stream = sys.stderr
    if _is_quiet() or not stream.isatty():
        yield
        return
    start = time.monotonic()

    def show(provider: str, what: str) -> None:
        stream.write(f"\r\x1b[Kclientgen: {provider}: {what} ({time.monotonic() - start:.1f} s)")
        stream.flush()

    try:
        with progress.listening(show):
            yield
    finally:
        stream.write("\r\x1b[K")  # the last stage line goes; the summary takes its place
        stream.flush()


# The commands that always build packages in memory (`generate` and `check` start the model
# generator's helper once a package turns out to be out of date: evolution/regenerate.py).
_BUILDS_MODELS = frozenset({"diff", "list"})


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(None, "--version", "-V", package_name="clientgen", prog_name="clientgen",
                      message="%(prog)s %(version)s")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True,
              help="Project folder: its pyproject.toml's [tool.clientgen] table, else specs/ and generated/.")
@_no_cache_option
@_quiet_option
@click.pass_context
def main(ctx: click.Context, root: Path) -> None:
    """Generate typed Python clients from OpenAPI specs (specs/ -> generated/ by default)."""
    ctx.obj = api.Project(root)
    if ctx.invoked_subcommand in _BUILDS_MODELS:
        model_helper.start()  # the command line's run only (`run`): it imports the model generator meanwhile


@main.command()
@click.argument("specs", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@_quiet_option
@click.pass_obj
def validate(project: api.Project, specs: tuple[Path, ...]) -> None:
    """Validate SPECS (default: every spec in the specs folder); print one line per problem."""
    paths = list(specs) or project.spec_paths()
    problems = project.validate(paths)
    for diagnostic in problems:
        click.echo(str(diagnostic), err=True)
    if problems:
        sys.exit(1)
    _say(f"{len(paths)} spec(s) valid")


def _summary(project: api.Project, results: list[tuple[api.Plan, list[str]]], seconds: float) -> str:
    """What a `generate` run wrote, and how long it took."""
    changed = [(plan, files) for plan, files in results if files]
    if not changed:
        folders = ", ".join(project.display(plan.out_dir) for plan, _ in results)
        return f"nothing to write: {folders} up to date ({seconds:.1f} s)"
    count = sum(len(files) for _, files in changed)
    folders = ", ".join(project.display(plan.out_dir) for plan, _ in changed)
    return f"wrote {count} file(s) in {folders} ({seconds:.1f} s)"


def _describe(plan: api.Plan, wrote: bool) -> str:
    if not wrote:
        return f"{plan.provider}: up to date ({plan.version})"
    if plan.previous is None or not plan.changes:
        return f"{plan.provider}: written ({plan.version})"
    counts: dict[str, int] = {}
    for change in plan.changes:
        counts[change.kind] = counts.get(change.kind, 0) + 1
    summary = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
    return f"{plan.provider}: written ({plan.previous.package_version} -> {plan.version}: {summary})"


def _refuse(error: api.BreakingChanges) -> None:
    from .evolution.apidiff import report_text

    for plan in error.plans:
        click.echo(report_text(plan.provider, plan.changes, "the last generation"), nl=False)
    click.echo("clientgen: refusing to regenerate through a breaking change; nothing was written "
               "(rerun with --allow-breaking to accept it and bump the major version)", err=True)
    sys.exit(1)


@main.command()
@click.argument("providers", nargs=-1)
@click.option("--spec", "spec_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Generate from this spec file instead of specs/.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="With --spec: the folder to write the package to.")
@click.option("--package", "package", help="With --spec: the provider name (default: file name).")
@click.option("--allow-breaking", is_flag=True,
              help="Regenerate even when the API change breaks code using the client.")
@click.option("--overwrite", is_flag=True,
              help="Replace files in the output folder that clientgen did not write.")
@_no_cache_option
@_quiet_option
@click.pass_obj
def generate(
    project: api.Project, providers: tuple[str, ...], spec_file: Path | None,
    out_dir: Path | None, package: str | None, allow_breaking: bool, overwrite: bool,
) -> None:
    """Regenerate the package of each of PROVIDERS (default: all) in the output folder.

    Only changed files are rewritten; the package version is bumped by what changed in the API
    (major, minor, patch) and CHANGELOG.md gains an entry. A breaking change is refused unless
    --allow-breaking is given, and so is replacing a file clientgen did not write (--overwrite).
    """
    if (spec_file is None) != (out_dir is None):
        raise click.UsageError("--spec and --out go together")
    start = time.monotonic()
    try:
        with _progress():
            if spec_file is not None and out_dir is not None:
                results = [project.generate_file(spec_file, out_dir, package, allow_breaking,
                                                 overwrite)]
            else:
                results = project.generate(list(providers) or None, allow_breaking, overwrite)
    except SpecError as error:
        _fail(error)
    except api.BreakingChanges as error:
        _refuse(error)
    except api.UnknownProvider as error:
        raise click.UsageError(str(error))
    for plan, files in results:
        _say(_describe(plan, bool(files)))
    _say(_summary(project, results, time.monotonic() - start))


@main.command()
@_no_cache_option
@_quiet_option
@click.pass_obj
def check(project: api.Project) -> None:
    """Exit 1 and print a diff when the output folder is not what the specs and templates produce."""
    try:
        with _progress():
            diff = project.check()
    except SpecError as error:
        _fail(error)
    folder = project.display(project.generated_dir)
    if diff:
        click.echo(diff, nl=False)
        click.echo(f"{folder}/ is out of date: run `clientgen generate`", err=True)
        sys.exit(1)
    _say(f"{folder}/ is up to date")


@main.command()
@click.argument("providers", nargs=-1)
@click.option("--against", "against", default="HEAD", show_default=True, metavar="GIT_REF",
              help="Compare the specs at this git ref with the working tree.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_obj
def diff(project: api.Project, providers: tuple[str, ...], against: str, as_json: bool) -> None:
    """What changed for code using each client between the specs at GIT_REF and the working tree.

    Every change is classed breaking, additive or cosmetic, with the reason. Exit 0 either way;
    CI can read the verdict from --json.
    """
    from .evolution.apidiff import report_json, report_text
    from .evolution.gitref import GitError

    try:
        with _progress():
            reports = project.diff(list(providers) or None, against)
    except SpecError as error:
        _fail(error)
    except GitError as error:
        raise click.ClickException(str(error))
    except api.UnknownProvider as error:
        raise click.UsageError(str(error))
    if as_json:
        click.echo(report_json(reports, against), nl=False)
        return
    for provider, changes in reports:
        click.echo(report_text(provider, changes, against), nl=False)


@main.command(name="list")
@click.pass_obj
def list_operations(project: api.Project) -> None:
    """Providers, their operations and the method each becomes."""
    try:
        with _progress():
            rows = project.operations()
    except SpecError as error:
        _fail(error)
    for provider, method, http in rows:
        click.echo(f"{provider:<10} {http:<55} {method}")


def run() -> None:
    """The `clientgen` command: `main` in a process tuned for one short run (foundation/oneshot.py)."""
    oneshot.collect_garbage_rarely()
    oneshot.collect_only_within()
    model_helper.enable()
    black_helper.enable()
    oneshot.run_then_exit(main)
