"""Settings read from the environment: a value that cannot be one is refused at start, saying
which variable and what it takes."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from project.env import env_log_level


@pytest.mark.parametrize(("given", "level"), [("info", "INFO"), (" Debug ", "DEBUG"), ("", "INFO")])
def test_a_log_level_is_read_in_either_case(monkeypatch, given, level):
    # gunicorn reads LOG_LEVEL too, in lower case ("info"): Django's logging refused that
    # spelling and every process stopped at start with "Unable to configure root logger".
    monkeypatch.setenv("LOG_LEVEL", given)
    assert env_log_level("LOG_LEVEL", "INFO") == level


def test_a_log_level_that_is_none_says_which_are(monkeypatch):
    monkeypatch.setenv("LOG_LEVEL", "loud")
    with pytest.raises(ImproperlyConfigured, match="LOG_LEVEL must be one of DEBUG, INFO"):
        env_log_level("LOG_LEVEL", "INFO")
