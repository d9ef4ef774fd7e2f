"""A WSGI app that does nothing but answer a few bytes of JSON (`bench floor`'s floor): what a
client sees of it under gunicorn is the cost of HTTP, gunicorn and the client themselves.

With BARE_BODY naming a file, it answers that file's bytes instead: an export read from the
served checkout, so that a client's time for it is what any server sending those bytes costs
(HTTP, and the client's parse of the JSON)."""

import os

BODY = b'{"count": 0, "next": null, "previous": null, "results": []}'
if os.environ.get("BARE_BODY"):
    with open(os.environ["BARE_BODY"], "rb") as file:
        BODY = file.read()


def application(environ, start_response):
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if length:
        environ["wsgi.input"].read(length)
    start_response(
        "200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(BODY)))]
    )
    return [BODY]
