"""``manage.py recommend --json``: the office's view (every verified organisation, public or
internal), best first, with the documented shape."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from tests.factories import NeedFactory, OfferFactory, OrganisationFactory, term
from vernetzt.directory.models import Category, Organisation, Visibility

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("recommend", "--json", "--language", "en", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def market():
    rooms = term(Category, "rooms")
    seeker = OrganisationFactory(slug="sucht", visibility=Visibility.INTERNAL)
    need = NeedFactory(
        organisation=seeker,
        category=rooms,
        title="Raum für Sprachkurs",
        description="Abends, 15 Personen.",
    )
    internal = OfferFactory(
        organisation=OrganisationFactory(slug="intern", visibility=Visibility.INTERNAL),
        category=rooms,
        title="Kursraum abends frei",
    )
    public = OfferFactory(
        organisation=OrganisationFactory(slug="public"), category=rooms, title="Lagerhalle"
    )
    own = OfferFactory(organisation=seeker, category=rooms, title="Raum für Sprachkurs")
    proposed = OfferFactory(
        organisation=OrganisationFactory(slug="neu", status=Organisation.Status.PROPOSED),
        category=rooms,
        title="Raum für Sprachkurs",
    )
    return {"need": need, "internal": internal, "public": public, "own": own, "proposed": proposed}


def test_json_shape_and_order(market):
    data = run()
    assert isinstance(data, list) and len(data) == 1
    item = data[0]
    assert set(item) == {"need", "offers"}
    assert {"id", "organisation", "description", "title", "category"} <= set(item["need"])
    assert item["need"]["id"] == market["need"].pk
    ids = [offer["id"] for offer in item["offers"]]
    assert ids == [market["internal"].pk, market["public"].pk]
    first = item["offers"][0]
    assert {"id", "organisation", "description", "score", "reasons"} <= set(first)
    assert first["score"] > item["offers"][1]["score"]
    assert "same category: Rooms" in first["reasons"]
    assert any(reason.startswith("fits your words:") for reason in first["reasons"])


def test_one_need_and_a_limit(market):
    data = run("--need", str(market["need"].pk), "--limit", "1")
    assert [offer["id"] for offer in data[0]["offers"]] == [market["internal"].pk]


def test_unknown_need_and_bad_limit(market):
    with pytest.raises(CommandError):
        run("--need", "999999")
    with pytest.raises(CommandError):
        run("--limit", "0")
