"""Reading a spec: a file -> a LoadedSpec (data plus line/column positions), validated.

Takes a YAML or JSON file; returns the parsed document, with every problem reported as a
Diagnostic (openapi-spec-validator plus the house rules) and read-only helpers over its nodes.
"""

from ..foundation.exports import lazy_exports

__all__, __getattr__ = lazy_exports(__name__, {
    "loader": ("LoadedSpec", "PathParts", "load_spec", "parse_spec_bytes"),
    "spec": ("HTTP_METHODS", "SCHEMA_LISTS", "SCHEMA_MAPS", "SCHEMA_REF_PREFIX", "SCHEMA_VALUES", "RawOperation", "deref", "form_media", "is_file_schema", "is_relative_url", "iter_operations", "iter_property_maps", "json_media", "schema_name"),
    "validator": ("reference_problems", "validate"),
})
