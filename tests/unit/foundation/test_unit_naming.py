"""Unit tests of generator.foundation.naming: every spec string that becomes a Python identifier."""

from __future__ import annotations

import keyword

import pytest

from generator.foundation.naming import (
    EXCEPTION_NAMES,
    METHOD_NAMES,
    NameCollision,
    assign_unique,
    collisions,
    distinct_names,
    field_name,
    field_names,
    is_plain_keyword,
    keyword_name,
    package_class_names,
    package_name_for,
    pascal_case,
    resource_class_name,
    safe_identifier,
    snake_case,
    spelled,
)

CASES = [
    # text, snake_case, pascal_case
    ("camelCase", "camel_case", "CamelCase"),
    ("getHTTPResponse", "get_http_response", "GetHTTPResponse"),
    ("userID", "user_id", "UserID"),
    ("PascalCase", "pascal_case", "PascalCase"),
    ("kebab-case-name", "kebab_case_name", "KebabCaseName"),
    ("with spaces here", "with_spaces_here", "WithSpacesHere"),
    ("already_snake", "already_snake", "AlreadySnake"),
    ("  padded  ", "padded", "Padded"),
    ("a.b/c", "a_b_c", "ABC"),
    ("123abc", "n_123abc", "N123abc"),
    ("2fa-code", "n_2fa_code", "N2faCode"),
    ("Ünïcödé naïve", "unicode_naive", "UnicodeNaive"),
    ("café", "cafe", "Cafe"),
]


@pytest.mark.parametrize(("text", "snake", "pascal"), CASES)
def test_snake_and_pascal_case(text, snake, pascal):
    assert snake_case(text) == snake
    assert pascal_case(text) == pascal


@pytest.mark.parametrize(
    "text",
    ["日本語", "😀", "", "---", "Ünïcödé", "1", "ﬁle", "x\u202ey", "a\x00b", "class", "名前Name"],
)
def test_output_is_always_an_ascii_identifier(text):
    for convert in (snake_case, pascal_case):
        name = convert(text)
        assert name.isascii() and name.isidentifier(), (text, name)
        assert not name[0].isdigit()


def test_names_are_stable():
    assert [snake_case("fooBar") for _ in range(3)] == ["foo_bar"] * 3


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("class", "class_"),
        ("def", "def_"),
        ("None", "None_"),
        ("async", "async_"),
        ("match", "match_"),
        ("case", "case_"),
        ("type", "type_"),
        ("id", "id_"),
        ("list", "list_"),
        ("print", "print_"),
        ("timeout", "timeout_"),
        ("body", "body_"),
        ("self", "self_"),
        ("extra_headers", "extra_headers_"),
        ("model_config", "model_config_"),
        ("candidate_id", "candidate_id"),
        ("status", "status"),
    ],
)
def test_safe_identifier(name, expected):
    assert safe_identifier(name) == expected


def test_safe_identifier_honours_extra_reserved_names():
    assert safe_identifier("items", reserved={"items"}) == "items_"
    assert safe_identifier("items") == "items"


@pytest.mark.parametrize("word", keyword.kwlist + keyword.softkwlist)
def test_safe_identifier_never_returns_a_keyword(word):
    result = safe_identifier(word)
    assert not keyword.iskeyword(result) and not keyword.issoftkeyword(result)
    assert result.isidentifier()


@pytest.mark.parametrize("word", keyword.softkwlist)
def test_soft_keywords_are_valid_keyword_arguments(word):
    # A soft keyword is a keyword only where its statement begins: a parameter may bear its name.
    namespace: dict[str, object] = {}
    exec(f"def f(*, {word}=1):\n    return {word}\nresult = f({word}=2)", namespace)
    assert namespace["result"] == 2
    assert is_plain_keyword(word) == (not word.startswith("_"))
    assert keyword_name(word, METHOD_NAMES) == word


@pytest.mark.parametrize(
    ("wire", "plain"),
    [("type", True), ("id", True), ("filter", True), ("resultUrl", True), ("class", False),
     ("e-mail", False), ("_links", False), ("naïve", False), ("2fa", False), ("None", False)],
)
def test_plain_keywords_are_ascii_identifiers_that_are_no_keyword(wire, plain):
    assert is_plain_keyword(wire) is plain


def test_keyword_names_step_aside_for_keywords_and_the_methods_own_names():
    assert keyword_name("type", METHOD_NAMES) == "type"
    assert keyword_name("class", METHOD_NAMES) == "class_"
    assert keyword_name("timeout", METHOD_NAMES) == "timeout_"
    assert keyword_name("body", METHOD_NAMES | {"body_"}) == "body__"
    assert keyword_name("Record", {"Record"}) == "Record_"


@pytest.mark.parametrize(
    ("first", "second", "convert"),
    [
        ("e-mail", "e_mail", snake_case),
        ("Candidate-Score", "CandidateScore", pascal_case),
        ("Candidate-Score", "CandidateScore", snake_case),
        ("fooBar", "foo_bar", snake_case),
    ],
)
def test_assign_unique_collision_names_both_originals(first, second, convert):
    with pytest.raises(NameCollision) as info:
        assign_unique([first, second], convert, "property")
    message = str(info.value)
    assert repr(first) in message and repr(second) in message
    assert repr(convert(first)) in message
    assert isinstance(info.value, ValueError)


def test_assign_unique_collision_does_not_depend_on_order():
    for order in (["e-mail", "e_mail"], ["e_mail", "e-mail"]):
        with pytest.raises(NameCollision):
            assign_unique(order, snake_case, "property")


def test_assign_unique_collision_ignores_case_only_difference():
    # `Foo` and `FOO` would be distinct identifiers but clash on case-insensitive file systems
    # and in readers' eyes; they must be refused, naming both.
    with pytest.raises(NameCollision) as info:
        assign_unique(["Foo", "FOO"], lambda s: s, "schema")
    assert "'Foo'" in str(info.value) and "'FOO'" in str(info.value)


def test_assign_unique_maps_each_original():
    assert assign_unique(["candidateId", "score", "score"], snake_case, "property") == {
        "candidateId": "candidate_id",
        "score": "score",
    }


@pytest.mark.parametrize(
    ("stem", "package"),
    [("kombo", "kombo_client"), ("my-api", "my_api_client"), ("My API", "my_api_client")],
)
def test_package_name_for(stem, package):
    assert package_name_for(stem) == package


@pytest.mark.parametrize(
    ("wire", "attribute"),
    [
        ("resultUrl", "resultUrl"),  # plain names stay as they are
        ("type", "type"),
        ("On-Behalf-Of", "On_Behalf_Of"),
        ("e-mail", "e_mail"),
        ("2fa", "n_2fa"),
        ("$ref", "ref"),
        ("_private", "private"),  # pydantic would treat it as private
        ("__class__", "class_"),
        ("class", "class_"),
        ("json", "json_"),  # shadows a BaseModel method
        ("model_config", "model_config_"),
        ("ﬁle", "file"),
        ("naïve", "naive"),
        ("日本", "u65e5_u672c"),
        ("", "field"),
        ('a"); os.system("x', "a_os_system_x"),
    ],
)
def test_field_name(wire, attribute):
    assert field_name(wire) == attribute
    assert attribute.isascii() and attribute.isidentifier() and not keyword.iskeyword(attribute)


def test_field_name_never_hides_a_class():
    assert field_name("Language", {"Language"}) == "Language_"
    assert field_name("Language", {"Other"}) == "Language"


def test_names_equal_under_nfkc_collide():
    # Python reads `ﬁle` and `file` as one identifier; as two properties they would be one field.
    [clash] = collisions(["ﬁle", "file", "other"], field_name, "properties")
    assert (clash.first, clash.second, clash.name) == ("ﬁle", "file", "file")


def test_collisions_lists_every_clash_in_order():
    found = collisions(["e-mail", "e_mail", "E-Mail"], field_name, "properties")
    assert [(c.first, c.second) for c in found] == [("e-mail", "e_mail"), ("e-mail", "E-Mail")]


# --- properties and parameters that would share a name ------------------------------------------


@pytest.mark.parametrize(
    ("wire", "words"),
    [("@id", "at_id"), ("$type", "dollar_type"), ("_links", "underscore_links"),
     ("e-mail", "e_dash_mail"), ("a.b", "a_dot_b"), ("plain", "plain"), ("__", "underscore_underscore")],
)
def test_spelled_names_the_punctuation(wire, words):
    assert spelled(wire) == words


def test_the_property_spelled_like_the_attribute_keeps_it_and_the_others_spell_their_punctuation():
    names = field_names([["id", "@id", "type", "$type", "e-mail", "e_mail", "E-Mail", "other"]])
    assert names == {"id": "id", "@id": "at_id", "type": "type", "$type": "dollar_type",
                     "e-mail": "e_dash_mail", "e_mail": "e_mail", "E-Mail": "E_Mail", "other": "other"}


def test_without_a_property_spelled_like_it_every_clashing_one_spells_its_punctuation():
    assert field_names([["@id", "$id"]]) == {"@id": "at_id", "$id": "dollar_id"}


def test_names_still_shared_after_spelling_are_numbered():
    assert field_names([["ﬁle", "file"]]) == {"ﬁle": "file_2", "file": "file"}
    # `@id` would spell to `at_id`, which another property holds already.
    assert field_names([["id", "@id", "at_id"]]) == {"id": "id", "@id": "id_2", "at_id": "at_id"}


def test_a_wire_name_has_one_attribute_in_every_object():
    names = field_names([["id", "@id"], ["@id"], ["x"]])
    assert names["@id"] == "at_id"


def test_property_names_do_not_depend_on_the_order_they_are_written_in():
    wires = ["id", "@id", "ﬁle", "file", "$type", "type", "_id"]
    expected = field_names([wires])
    for shift in range(1, len(wires)):
        assert field_names([wires[shift:] + wires[:shift]]) == expected
        assert field_names([list(reversed(wires))]) == expected


def test_attributes_never_hide_a_class_even_when_renamed():
    assert field_names([["Language", "@Language"]], {"Language", "AtLanguage"}) == {
        "Language": "Language_", "@Language": "at_Language",
    }


def test_distinct_names_prefers_alternatives_then_numbers():
    names = distinct_names(
        {"a": "x", "b": "x", "c": "x", "d": "y"},
        lambda key: {"b": ["xb"], "c": ["xb"]}.get(key, []),
        reserved={"y"},
    )
    assert names == {"a": "x", "b": "xb", "c": "x_2", "d": "y_2"}


def test_package_class_names_hold_every_class_the_package_exports_or_imports_beside_models():
    names = package_class_names("Kombo", ["assessment", "ats"])
    assert set(EXCEPTION_NAMES) <= names
    assert {"KomboClient", "AsyncKomboClient", "KomboError"} <= names
    assert {"AssessmentResource", "AsyncAssessmentResource", "AssessmentResourceWithRawResponse",
            "AsyncAssessmentResourceWithRawResponse", "AtsResource"} <= names
    assert {"SyncAPI", "AsyncAPI", "Timeout", "Credentials", "FileContent", "Self", "SERVERS"} <= names


def test_package_class_names_leave_other_names_free():
    names = package_class_names("Kombo", ["ats"])
    assert not names & {"Client", "Error", "Kombo", "APIError", "Ats", "AssessmentResource"}


def test_resource_class_name():
    assert resource_class_name("assessments") == "AssessmentsResource"
    assert resource_class_name("hris_employees") == "HrisEmployeesResource"
