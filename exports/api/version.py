"""`GET /api/version/`: what a script talks to — the product's version, the API's, the
database schema's revision (the newest migration of each app) and the claim-set file format's.

It lives at the top layer because it names the export format; it reads no table (the
migrations are read from disk, once per process)."""

import functools
from importlib import metadata

from django.conf import settings
from django.db.migrations.loader import MigrationLoader
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from exports.formats import FORMAT_NAME, FORMAT_REVISION

#: The apps whose tables make the product's schema, bottom layer first.
APPS = ("sources", "articles", "claims", "exports")


class FormatSerializer(serializers.Serializer):
    name = serializers.CharField()
    revision = serializers.IntegerField()


class VersionSerializer(serializers.Serializer):
    version = serializers.CharField(help_text="The product's version (its package version).")
    api = serializers.CharField(help_text="The API's version, as the OpenAPI schema gives it.")
    schema = serializers.DictField(
        child=serializers.CharField(),
        help_text="The database schema's revision: the newest migration of each app.",
    )
    format = FormatSerializer(help_text="The claim-set file format and its revision.")


@functools.cache
def product_version() -> str:
    try:
        return metadata.version("corroborate")
    except metadata.PackageNotFoundError:
        return "unknown"


@functools.cache
def schema_revision() -> dict[str, str]:
    """The newest migration of each app, as on disk (what `migrate` brings a database to)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    leaves = {}
    for app, name in loader.graph.leaf_nodes():
        if app in APPS:
            leaves[app] = name
    return {app: leaves[app] for app in APPS if app in leaves}


class VersionView(APIView):
    """The product's version, the API's, the schema revision and the export format revision."""

    @extend_schema(operation_id="version", responses={200: VersionSerializer})
    def get(self, request):
        return Response(
            {
                "version": product_version(),
                "api": settings.SPECTACULAR_SETTINGS["VERSION"],
                "schema": schema_revision(),
                "format": {"name": FORMAT_NAME, "revision": FORMAT_REVISION},
            }
        )
