"""A minimal HTTP/1.1 keep-alive server on 127.0.0.1 for latency runs: `/p/<provider>/...` answers
with that provider's canned JSON and status from the routes file. Prints its port, then serves.
"""

from __future__ import annotations

import asyncio
import json
import sys

_REASONS = {200: "OK", 201: "Created", 202: "Accepted", 204: "No Content"}


def _responses(routes_file: str) -> dict[str, bytes]:
    responses = {}
    with open(routes_file, encoding="utf-8") as handle:
        routes = json.load(handle)
    for provider, route in routes.items():
        status = int(route["status"])
        body = json.dumps(route["body"]).encode() if status != 204 else b""
        head = (f"HTTP/1.1 {status} {_REASONS.get(status, 'OK')}\r\n"
                f"content-type: application/json\r\ncontent-length: {len(body)}\r\n\r\n")
        responses[provider] = head.encode() + body
    return responses


async def _serve(responses: dict[str, bytes]) -> None:
    missing = b"HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}"

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                target = lines[0].split(" ")[1]
                length = 0
                for line in lines[1:]:
                    name, _, value = line.partition(":")
                    if name.strip().lower() == "content-length":
                        length = int(value)
                if length:
                    await reader.readexactly(length)
                parts = target.split("/")
                provider = parts[2] if len(parts) > 2 and parts[1] == "p" else ""
                writer.write(responses.get(provider, missing))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(_serve(_responses(sys.argv[1])))
