"""Ids that arrive from outside (addresses, forms, query strings): whole numbers that a primary
key can hold. Anything else matches no row; SQLite would even fail on a number past 64 bits
instead of finding nothing, hence a check before any query."""

#: The largest value of a BigAutoField, on SQLite and PostgreSQL alike.
MAX_ID = 2**63 - 1


def is_valid_id(value: object) -> bool:
    """Whether `value` (an int or its text) could be the primary key of a row."""
    try:
        number = int(str(value).strip())
    except ValueError:
        return False
    return 1 <= number <= MAX_ID
