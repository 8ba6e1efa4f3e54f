"""The clientgen command line: argument parsing and printing only."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import api
from .diagnostics import SpecError


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
        except Exception as exc:  # a generator bug, not a spec problem: say so in one line
            if os.environ.get("CLIENTGEN_DEBUG") == "1":
                raise
            click.echo(f"clientgen: internal error: {type(exc).__name__}: {exc} "
                       "(rerun with CLIENTGEN_DEBUG=1 for details)", err=True)
            sys.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Project folder holding specs/ and generated/.")
@click.pass_context
def main(ctx: click.Context, root: Path) -> None:
    """Generate typed Python clients from the OpenAPI specs in specs/."""
    ctx.obj = api.Project(root)


@main.command()
@click.argument("specs", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def validate(project: api.Project, specs: tuple[Path, ...]) -> None:
    """Validate SPECS (default: every spec in specs/); print one line per problem."""
    problems = project.validate(list(specs) or None)
    for diagnostic in problems:
        click.echo(str(diagnostic), err=True)
    if problems:
        sys.exit(1)
    click.echo(f"{len(list(specs) or project.spec_paths())} spec(s) valid")


@main.command()
@click.argument("providers", nargs=-1)
@click.option("--spec", "spec_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Generate from this spec file instead of specs/.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="With --spec: the folder to write the package to.")
@click.option("--package", "package", help="With --spec: the provider name (default: file name).")
@click.pass_obj
def generate(
    project: api.Project, providers: tuple[str, ...], spec_file: Path | None,
    out_dir: Path | None, package: str | None,
) -> None:
    """Regenerate generated/<provider>/ for PROVIDERS (default: all)."""
    if (spec_file is None) != (out_dir is None):
        raise click.UsageError("--spec and --out go together")
    try:
        if spec_file is not None and out_dir is not None:
            changed = [api.generate_to(spec_file, out_dir, package)]
        else:
            changed = project.generate(list(providers) or None)
    except SpecError as error:
        _fail(error)
    except api.UnknownProvider as error:
        raise click.UsageError(str(error))
    for name, wrote in changed:
        click.echo(f"{name}: {'written' if wrote else 'up to date'}")


@main.command()
@click.pass_obj
def check(project: api.Project) -> None:
    """Exit 1 and print a diff when generated/ is not what specs/ and templates/ produce."""
    try:
        diff = project.check()
    except SpecError as error:
        _fail(error)
    if diff:
        click.echo(diff, nl=False)
        click.echo("generated/ is out of date: run `clientgen generate`", err=True)
        sys.exit(1)
    click.echo("generated/ is up to date")


@main.command(name="list")
@click.pass_obj
def list_operations(project: api.Project) -> None:
    """Providers, their operations and the method each becomes."""
    try:
        rows = project.operations()
    except SpecError as error:
        _fail(error)
    for provider, method, http in rows:
        click.echo(f"{provider:<10} {http:<55} {method}")
