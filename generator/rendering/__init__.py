"""Rendering: an Api -> {relative path: text} of one package, formatted and checked.

Takes the IR; fills the Jinja2 templates, formats with black (pinned) and checks that spec text
landed only inside string literals and comments. Returns text in memory; nothing touches disk.
"""

from ..foundation.exports import lazy_exports

__all__, __getattr__ = lazy_exports(__name__, {
    "ast_check": ("SpecTexts", "problems_by_module", "spec_text_problems", "spec_texts"),
    "black_helper": ("black_helper",),
    "format": ("format_ahead", "format_files", "formatted_ahead"),
    "render": ("package_templates_digest", "render_package"),
    "spec_text_verdicts": ("checked_problems",),
})
