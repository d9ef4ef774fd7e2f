"""A WSGI app that does nothing but answer a few bytes of JSON (`bench floor`'s floor): what a
client sees of it under gunicorn is the cost of HTTP, gunicorn and the client themselves."""

BODY = b'{"count": 0, "next": null, "previous": null, "results": []}'


def application(environ, start_response):
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if length:
        environ["wsgi.input"].read(length)
    start_response(
        "200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(BODY)))]
    )
    return [BODY]
