"""The API's JSON parser.

Kept apart from project.api on purpose: DRF reads DEFAULT_PARSER_CLASSES while defining
APIView, so this module must not import rest_framework.views (project.api does), or whichever
of the two DRF happens to import first finds the other half-initialised.
"""

from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, also turning JSON nested too deeply for Python's parser (a
    RecursionError, not a ValueError) into 400 instead of a server error."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - nested too deeply.") from None
