"""What the application logs on its console (gunicorn's stderr, a worker's output): lines an
operator can put in order and trace, beside the web servers' and workers' own."""

import logging
import re


def test_a_log_line_says_when_how_grave_which_process_and_which_logger():
    # They were the bare message: a traceback in a worker's output could not be dated or
    # told from another process's.
    handler = next(h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler)
    record = logging.LogRecord("claims", logging.ERROR, __file__, 1, "It failed.", None, None)

    line = handler.format(record)

    assert re.fullmatch(
        r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} ERROR \[\d+\] claims: It failed\.", line
    )
