"""Models: the spec's schemas -> the source of a pydantic v2 models module.

Takes cleaned JSON Schemas; runs datamodel-code-generator (pinned) in-process, or in the
command's helper process (model_helper.py), and polishes its output (open enums, null-omitting
bases); returns the module text and the classes it defines.
"""

from ..foundation.exports import lazy_exports

__all__, __getattr__ = lazy_exports(__name__, {
    "allof": ("flatten_conflicting_compositions",),
    "class_renames": ("rename_classes",),
    "datamodel": ("ModelClass", "ModelField", "ReferenceMapper", "UnexpectedFieldName", "argument_annotation", "clean_schema", "generate_models", "object_models", "plain_annotation", "read_model_classes", "union_members"),
    "model_helper": ("model_helper",),
    "model_polish": ("IMPORTED_NAMES", "polish_models"),
    "trees": ("parse_module",),
})
