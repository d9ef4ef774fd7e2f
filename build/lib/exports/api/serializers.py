from rest_framework import serializers


class ImportSummarySerializer(serializers.Serializer):
    export_id = serializers.CharField(allow_null=True, help_text="The id of the export imported.")
    created = serializers.DictField(
        child=serializers.IntegerField(), help_text="New users, sources, articles, claims, links."
    )
    matched = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Records that were already here, left as they were.",
    )
    notes = serializers.ListField(child=serializers.CharField())


class ImportProblemsSerializer(serializers.Serializer):
    problems = serializers.ListField(
        child=serializers.CharField(), help_text="Every reason the file was refused."
    )
