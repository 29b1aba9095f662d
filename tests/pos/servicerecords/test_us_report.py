"""The US-shaped senior-nutrition report (/servicerecords/us-report): congregate apart from home-delivered meals,
persons served, by age band and a chosen client characteristic, from the planted month's service records."""
from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest

from pos.servicerecords.counts import Count, Scope
from pos.servicerecords.nutrition_report import nutrition_report
from tests.support.planted import plant_month

HEADER = ["Section", "Service", "Group", "Units of service (meals)", "Persons served (unduplicated)"]
BANDS = ["under 60", "60–69", "70–79", "80–89", "90 and over", "Walk-ins (not registered)"]


@pytest.fixture
def planted(app, make):
    return plant_month(app, make)


def csv_rows(client, query: str) -> list[list[str]]:
    answer = client.get(f"/servicerecords/us-report.csv?{query}")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(answer.get_data().decode("utf-8-sig"))))


def test_the_csv_in_english_with_pick_up_as_congregate(client, auth, planted):
    auth.login("manager")
    client.get("/locale/en")
    rows = csv_rows(client, "month=2026-11&characteristic=dibao")
    cong, home = "Congregate meals", "Home-delivered meals"
    zero_bands = lambda service, given: [  # noqa: E731 - a table of the rows, zeros included
        ["Age band", service, band, *given.get(band, ("0", "0"))] for band in BANDS]
    assert rows == [
        HEADER,
        ["Total", "All services", "", "9", "3"],
        ["Service", cong, "", "7", "3"], ["Service", cong, "of which walk-ins (not registered)", "2", "0"],
        ["Service", home, "", "2", "2"], ["Service", home, "of which walk-ins (not registered)", "0", "0"],
        ["Service", cong, "of which pick-up", "2", "1"],
        *zero_bands(cong, {"70–79": ("5", "3"), "Walk-ins (not registered)": ("2", "0")}),
        *zero_bands(home, {"70–79": ("1", "1"), "80–89": ("1", "1")}),
        ["Client characteristic", cong, "With: minimum living allowance", "3", "2"],
        ["Client characteristic", cong, "Without: minimum living allowance", "2", "1"],
        ["Client characteristic", cong, "Unknown (walk-ins)", "2", "0"],
        ["Client characteristic", home, "With: minimum living allowance", "2", "2"],
        ["Client characteristic", home, "Without: minimum living allowance", "0", "0"],
        ["Client characteristic", home, "Unknown (walk-ins)", "0", "0"]]


def test_pick_up_may_count_as_home_delivered(database, planted):
    with database.reader() as session:
        found = nutrition_report(session, Scope(planted.canteen_id, date(2026, 11, 1), date(2026, 12, 1)),
                                 "dibao", "home_delivered")
    assert found.services == {"congregate": Count(5, 3, 3), "home_delivered": Count(4, 3, 3)}
    assert (found.total, found.pick_up, found.walk_in_meals) == (
        Count(9, 3, 6), Count(2, 1, 1), {"congregate": 1, "home_delivered": 1})


def test_the_page_shows_the_same_figures_and_links_its_csv(client, auth, planted):
    auth.login("manager")
    page = client.get("/servicerecords/us-report?month=2026-11&pickup=home_delivered").get_data(as_text=True)
    cells = re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td><td>(\d+)</td><td>(\d+)</td></tr>", page)
    assert cells[0][3:] == ("9", "3") and len(cells) == 1 + 5 + 12 + 6
    assert '<option value="living_alone" selected>独居</option>' in page  # the default characteristic
    assert ('href="/servicerecords/us-report.csv?month=2026-11&amp;characteristic=living_alone&amp;'
            'pickup=home_delivered"') in page
    assert "70–79岁" in page


@pytest.mark.parametrize("query, reason", [
    ("month=2026-13", "must be a month written YYYY-MM, e.g. 2026-11"),
    ("characteristic=rich", "must be one of the resident categories: "),
    ("pickup=drone", "must be congregate or home_delivered")])
def test_bad_input_says_what_is_wrong(client, auth, planted, query, reason):
    auth.login("manager")
    client.get("/locale/en")
    answer = client.get(f"/servicerecords/us-report?{query}")
    assert answer.status_code == 422 and reason in answer.get_data(as_text=True)


def test_only_managers_see_it_and_the_claims_link_to_it(client, auth, planted):
    auth.login("cashier")
    assert client.get("/servicerecords/us-report").status_code == 403
    auth.logout()
    auth.login("manager", "经理甲")
    assert 'href="/servicerecords/us-report"' in client.get("/statements/").get_data(as_text=True)
    claim = client.get("/statements/claims?month=2026-11&funder=district").get_data(as_text=True)
    assert 'href="/servicerecords/us-report?month=2026-11"' in claim
