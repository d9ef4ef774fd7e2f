"""What a person chooses for themselves: the time zone the pages show times in
(`project.time_zones`)."""

from django.conf import settings
from django.db import models


class Preferences(models.Model):
    """One person's choices; a person who never chose has no row (the site's defaults)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="preferences",
    )
    #: An IANA zone name ("Europe/Paris"); empty: the site's zone (`settings.TIME_ZONE`).
    time_zone = models.CharField("time zone", max_length=64, blank=True, default="")

    class Meta:
        verbose_name_plural = "preferences"

    def __str__(self) -> str:
        return f"Preferences of {self.user}"
