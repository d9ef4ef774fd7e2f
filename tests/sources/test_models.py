"""`Source.name_key`: every way a source's name is written keeps the key it is unique by, the
bulk writes and updates that skip `save()` included; two names one by Unicode's caseless match
are refused by the database itself, whoever writes them."""

import pytest
from django.db import IntegrityError, transaction

from sources.models import Source, name_key

pytestmark = pytest.mark.django_db


def test_the_key_is_the_caseless_name():
    assert name_key("  ÉLYSÉE   Palace\tOffice ") == "élysée palace office"
    assert name_key("Straße") == name_key("STRASSE") == "strasse"
    assert name_key("ＢＢＣ") == "bbc"


def test_every_write_keeps_the_key():
    saved = Source.objects.create(name="Valley Watch")
    bulk = Source.objects.bulk_create([Source(name="Kardenian General Staff")])[0]
    assert Source.objects.get(pk=saved.pk).name_key == "valley watch"
    assert Source.objects.get(pk=bulk.pk).name_key == "kardenian general staff"

    Source.objects.filter(pk=saved.pk).update(name="VALLEY WATCHERS")
    bulk.name = "Kardenian Staff"
    Source.objects.bulk_update([bulk], ["name"])
    saved = Source.objects.get(pk=saved.pk)
    saved.name = "Valley Observers"
    saved.save(update_fields=["name"])

    assert dict(Source.objects.values_list("name", "name_key")) == {
        "Valley Observers": "valley observers",
        "Kardenian Staff": "kardenian staff",
    }


@pytest.mark.parametrize("write", ["create", "bulk_create"])
def test_the_database_refuses_a_second_source_of_one_caseless_name(write):
    Source.objects.create(name="Straße Monitor")

    with pytest.raises(IntegrityError), transaction.atomic():
        if write == "create":
            Source.objects.create(name="STRASSE MONITOR")
        else:
            Source.objects.bulk_create([Source(name="strasse monitor")])
