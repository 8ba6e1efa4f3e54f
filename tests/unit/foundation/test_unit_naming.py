"""Unit tests of generator.foundation.naming: every spec string that becomes a Python identifier."""

from __future__ import annotations

import itertools
import keyword

import pytest

from generator.foundation.naming import (
    METHOD_NAMES,
    distinct_names,
    field_name,
    field_names,
    is_plain_keyword,
    keyword_name,
    numbered_attribute,
    numbered_class,
    package_name_for,
    pascal_case,
    safe_identifier,
    snake_case,
    spelled,
    unique_names,
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


def _attribute(original):
    return safe_identifier(snake_case(original))


@pytest.mark.parametrize(
    ("originals", "convert", "numbered", "expected"),
    [
        # The one spelled like the shared name keeps it; the other is numbered.
        (["Pet", "pet"], pascal_case, numbered_class, {"Pet": "Pet", "pet": "Pet2"}),
        (["getPet", "get_pet"], _attribute, numbered_attribute,
         {"get_pet": "get_pet", "getPet": "get_pet_2"}),
        (["Pets", "pets"], _attribute, numbered_attribute, {"pets": "pets", "Pets": "pets_2"}),
        # Of two spelled like their names, the one spelled as its lower case would be.
        (["PET", "Pet"], pascal_case, numbered_class, {"Pet": "Pet", "PET": "PET2"}),
        # Of none spelled like it, the same: `get-pet` reads as `get_pet`, `getPet` does not.
        (["getPet", "get-pet"], _attribute, numbered_attribute,
         {"get-pet": "get_pet", "getPet": "get_pet_2"}),
        # A number another original holds is skipped, whichever comes first.
        (["pet", "Pet2", "Pet"], pascal_case, numbered_class,
         {"Pet": "Pet", "Pet2": "Pet2", "pet": "Pet3"}),
        # A name with the runtime's trailing underscore is numbered without it.
        (["close", "Close"], _attribute, numbered_attribute, {"Close": "close_", "close": "close_2"}),
        # Python reads `ﬁle` and `file` as one identifier: they must not share one.
        (["ﬁle", "file", "other"], field_name, numbered_attribute,
         {"file": "file", "ﬁle": "file_2", "other": "other"}),
        # Three in one group: the others numbered in sorted order.
        (["e_mail", "e-mail", "E-Mail"], snake_case, numbered_attribute,
         {"e_mail": "e_mail", "E-Mail": "e_mail_2", "e-mail": "e_mail_3"}),
        (["candidateId", "score", "score"], snake_case, numbered_attribute,
         {"candidateId": "candidate_id", "score": "score"}),
    ],
)
def test_unique_names_tell_clashing_names_apart(originals, convert, numbered, expected):
    assert unique_names(originals, convert, numbered) == expected


@pytest.mark.parametrize(
    "originals",
    [["Pet", "pet", "PET", "Pet2", "pet-2", "pet_"], ["getPet", "get_pet", "get-pet", "GetPet", "get_pet_2"]],
)
def test_unique_names_do_not_depend_on_order(originals):
    convert, numbered = (pascal_case, numbered_class) if originals[0] == "Pet" else (_attribute, numbered_attribute)
    first = unique_names(originals, convert, numbered)
    for order in itertools.permutations(originals):
        assert unique_names(order, convert, numbered) == first
    assert len({name.lower() for name in first.values()}) == len(set(originals))
    assert list(unique_names(reversed(originals), convert, numbered)) == list(reversed(originals))


def test_unique_names_compare_names_by_the_key():
    # `pets_2` and `pets2` differ, but both would name the class `Pets2Resource`.
    def key(name):
        return pascal_case(name).lower()

    names = unique_names(["pets", "Pets", "pets2"], _attribute, numbered_attribute, key)
    assert names == {"pets": "pets", "pets2": "pets2", "Pets": "pets_3"}


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
