"""The search document of an article holds what PostgreSQL's text search can hold.

A tsvector is at most 1 MB: a text of many distinct words (a register of reference numbers,
a table of figures) reached it well under the 5 MB upload limit, and every write of such an
article failed ("string is too long for tsvector"). The generated column now calls a function
that indexes the whole text where it fits, and else the longest half, quarter… of its start
that does. Rebuilding the column rewrites the table once.
"""

from django.db import migrations, models

import articles.validators

FUNCTION = """
CREATE OR REPLACE FUNCTION corroborate_search_document(title text, body text)
RETURNS tsvector LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    kept integer := COALESCE(length(body), 0);
BEGIN
    LOOP
        BEGIN
            RETURN setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A')
                || setweight(to_tsvector('english'::regconfig, left(COALESCE(body, ''), kept)), 'B');
        EXCEPTION WHEN program_limit_exceeded THEN
            kept := kept / 2;
        END;
    END LOOP;
END
$$;
"""
BOUNDED = """
DROP INDEX IF EXISTS article_search_gin;
ALTER TABLE articles_article DROP COLUMN IF EXISTS search_document;
ALTER TABLE articles_article ADD COLUMN search_document tsvector GENERATED ALWAYS AS (
    corroborate_search_document(title, text)
) STORED;
CREATE INDEX article_search_gin ON articles_article USING gin (search_document);
"""
UNBOUNDED = """
DROP INDEX IF EXISTS article_search_gin;
ALTER TABLE articles_article DROP COLUMN IF EXISTS search_document;
ALTER TABLE articles_article ADD COLUMN search_document tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, COALESCE(text, '')), 'B')
) STORED;
CREATE INDEX article_search_gin ON articles_article USING gin (search_document);
DROP FUNCTION IF EXISTS corroborate_search_document(text, text);
"""


def bound_search_document(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION)
        schema_editor.execute(BOUNDED)


def unbound_search_document(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNBOUNDED)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_language_is_a_code"),
    ]

    operations = [
        migrations.RunPython(bound_search_document, unbound_search_document, elidable=False),
        migrations.AlterField(
            model_name="article",
            name="url",
            field=models.URLField(
                blank=True, max_length=2000, validators=[articles.validators.validate_url_size]
            ),
        ),
        migrations.AlterField(
            model_name="historicalarticle",
            name="url",
            field=models.URLField(
                blank=True, max_length=2000, validators=[articles.validators.validate_url_size]
            ),
        ),
    ]
