import datetime as dt

import pytest

from dossier.clean.dates import parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-05-02", dt.date(2016, 5, 2)),
        ("2016-05-02T10:00:00Z", dt.date(2016, 5, 2)),
        ("12/16/2017", dt.date(2017, 12, 16)),
        ("16/12/2017", dt.date(2017, 12, 16)),
        ("December 16, 2017", dt.date(2017, 12, 16)),
        ("Mon, 02 May 2016 14:03:00 GMT", dt.date(2016, 5, 2)),
        (1462147200, dt.date(2016, 5, 2)),
        ("1462147200", dt.date(2016, 5, 2)),
        ("1462147200000", dt.date(2016, 5, 2)),
        ("Tuesday", None),
        ("December 18", None),
        ("not a date", None),
        ("", None),
        (None, None),
        ("1066-10-14", None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_an_unknown_zone_name_is_ignored_without_a_warning(recwarn):
    # Timeline17 runs printed dateutil's "tzname OH identified but not understood"
    assert parse_date("September 17, 2008 10:53 AM OH") == dt.date(2008, 9, 17)
    assert not [w for w in recwarn if "tzname" in str(w.message)]
