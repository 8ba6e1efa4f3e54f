"""Queries and form bodies are encoded byte for byte as urllib's urlencode encodes them, whatever
the text, and read back by httpx as the parameters they came from: the client's own encoder only
skips the bytes that need no escaping."""

from __future__ import annotations

from urllib.parse import urlencode

import httpx
from hypothesis import given
from hypothesis import strategies as st
from kombo_client._runtime import form_encode

# Any text a str can hold and UTF-8 can encode (lone surrogates cannot go on the wire at all).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


@given(st.lists(st.tuples(TEXT, TEXT), max_size=5))
def test_form_encode_is_urllib_urlencode_and_httpx_reads_the_same_params(
    pairs: list[tuple[str, str]],
) -> None:
    encoded = form_encode(pairs)
    assert encoded == urlencode(pairs)
    assert httpx.QueryParams(encoded).multi_items() == httpx.QueryParams(pairs).multi_items()


def test_the_characters_that_need_escaping_are_escaped() -> None:
    pairs = [("proxy[page size]", "a,b/c?d&e=f+g~h.i_j-k"), ("é", "\x00\n")]
    assert form_encode(pairs) == (
        "proxy%5Bpage+size%5D=a%2Cb%2Fc%3Fd%26e%3Df%2Bg~h.i_j-k&%C3%A9=%00%0A"
    )
