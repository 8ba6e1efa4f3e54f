"""One Diagnostic type for every problem found in a spec, and the error that carries them."""

from __future__ import annotations

from dataclasses import dataclass


def escape_pointer_token(token: str | int) -> str:
    escaped = str(token).replace("~", "~0").replace("/", "~1")
    # Control characters in a key would break the one-line form; percent-encode them.
    return "".join(f"%{ord(c):02X}" if ord(c) < 0x20 or ord(c) == 0x7F else c for c in escaped)


def json_pointer(parts: tuple[str | int, ...]) -> str:
    return "#" + "".join("/" + escape_pointer_token(part) for part in parts)


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem at one place in one file, printed as a single line."""

    file: str
    line: int
    column: int
    pointer: str
    message: str

    def __str__(self) -> str:
        # A message is spec-derived text: keep it on one line whatever it contains.
        message = " ".join(self.message.split())
        return f"{self.file}:{self.line}:{self.column}: {self.pointer}: {message}"


class SpecError(Exception):
    """Raised when a spec cannot be turned into a client; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(set(diagnostics))
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class UserError(Exception):
    """A problem outside any spec that the user can fix (no specs found, a bad [tool.clientgen]
    table, an output folder that cannot be written): the command line prints its message as one
    line and exits 1."""
