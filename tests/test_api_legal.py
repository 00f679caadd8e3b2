"""The legal record in the API: articles and places of detention, the filters on charges,
sentences, custody and releases (each with a hit and a miss), dates known to the month, the
statistics of who is held where and under what, and their query counts."""

import datetime

import pytest

from prisoners.models import Article, ArticleTitle, Charge, Place, PlaceName, Sentence, Transfer
from tests.factories import DetentionFactory, PrisonerFactory, ReleaseFactory, country
from tests.helpers import RATE_LIMIT_COUNTER, csv_rows, get, get_ok, result_ids

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def legal():
    """Anna: detained, charged under 342-2, held in colony No. 4 (Homiel region), sentenced to
    10 years. Boris: released (pardoned, deported to LT), charged under 243-2, sentenced in
    absentia to a fine, held in a prison in Minsk. Vera: detained since a month known only,
    with nothing else recorded."""
    by = country("BY")
    art342 = Article.objects.create(jurisdiction=by, number="342")
    ArticleTitle.objects.create(article=art342, language="en", title="Group actions")
    ArticleTitle.objects.create(article=art342, language="ru", title="Групповые действия")
    art342p2 = Article.objects.create(jurisdiction=by, number="342", part="2")
    art243p2 = Article.objects.create(jurisdiction=by, number="243", part="2")
    colony = Place.objects.create(
        kind="womens_colony",
        name="Correctional colony No. 4",
        number="4",
        locality="Homiel",
        region="Homiel Region",
        country=by,
        postal_address="Synthetic street 4, Homiel",
        internal_fields=[],
        is_published=True,
    )
    PlaceName.objects.create(place=colony, name="ИК-4", language="ru")
    prison = Place.objects.create(
        kind="prison",
        name="Prison No. 1",
        locality="Minsk",
        region="Minsk",
        country=by,
        postal_address="Not for publication",
        is_published=True,
    )
    anna = PrisonerFactory(display_name="Anna Testlegal", nationalities=["BY"])
    anna_detention = DetentionFactory(prisoner=anna, detained_on=D(2021, 7, 14))
    Charge.objects.create(detention=anna_detention, article=art342p2)
    Sentence.objects.create(
        detention=anna_detention, kind="imprisonment", term_months=120, regime="general"
    )
    Transfer.objects.create(detention=anna_detention, place=prison)
    Transfer.objects.create(detention=anna_detention, place=colony, moved_on=D(2022, 1, 11))
    boris = PrisonerFactory(display_name="Boris Testlegal", nationalities=["UA"])
    boris_detention = DetentionFactory(prisoner=boris, detained_on=D(2020, 9, 7))
    Charge.objects.create(detention=boris_detention, article=art243p2, status="dropped")
    Sentence.objects.create(
        prisoner=boris, kind="fine", in_absentia=True, fine_amount=1000, fine_currency="BYN"
    )
    Transfer.objects.create(detention=boris_detention, place=prison)
    ReleaseFactory(
        prisoner=boris,
        detention=boris_detention,
        legal_basis="pardon",
        movement="deported",
        released_on=D(2025, 12, 13),
    )
    vera = PrisonerFactory(display_name="Vera Testlegal")
    DetentionFactory(prisoner=vera, detained_on=D(2021, 7, 1), detained_on_precision="month")
    for person in (anna, boris, vera):
        person.refresh_from_db()
    return {"anna": anna, "boris": boris, "vera": vera, "colony": colony, "prison": prison}


def people(client, **params):
    return result_ids(client, "prisoners/", **params)


def ids(legal, *names):
    return sorted(legal[name].public_id for name in names)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"article": "BY-CC-342"}, ["anna"]),
        ({"article": "BY-CC-342-2"}, ["anna"]),
        ({"article": "BY-CC-243"}, ["boris"]),
        ({"sentence_kind": "imprisonment"}, ["anna"]),
        ({"sentence_kind": "death"}, []),
        ({"in_absentia": "true"}, ["boris"]),
        ({"in_absentia": "false"}, ["anna", "vera"]),
        ({"place": "colony"}, ["anna"]),
        ({"place": "prison"}, ["anna", "boris"]),
        ({"region": "homiel region"}, ["anna"]),
        ({"region": "Minsk"}, ["anna", "boris"]),
        ({"legal_basis": "pardon"}, ["boris"]),
        ({"legal_basis": "amnesty"}, []),
        ({"movement": "deported"}, ["boris"]),
        ({"movement": "stayed"}, []),
        ({"legal_basis": "pardon", "movement": "stayed"}, []),
        # A detention known only to July 2021 counts as the whole month.
        ({"detained_after": "2021-07-20", "detained_before": "2021-07-31"}, ["vera"]),
        ({"detained_after": "2021-07-10", "detained_before": "2021-07-14"}, ["anna", "vera"]),
        ({"detained_after": "2021-08-01"}, []),
        ({"detained_before": "2021-06-30"}, ["boris"]),
    ],
)
def test_people_filters_hit_and_miss(client, legal, params, expected):
    params = {k: legal[v].public_id if v in ("colony", "prison") else v for k, v in params.items()}
    assert sorted(people(client, **params)) == ids(legal, *expected)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"legal_basis": "pardon"}, 1),
        ({"legal_basis": "exchange"}, 0),
        ({"movement": "deported"}, 1),
        ({"movement": "transferred"}, 0),
        ({"article": "BY-CC-243"}, 1),
        ({"article": "BY-CC-342"}, 0),
    ],
)
def test_release_filters_hit_and_miss(client, legal, params, expected):
    assert get_ok(client, "releases/", **params)["count"] == expected


def test_the_person_shows_charges_sentences_and_custody(client, legal):
    record = get_ok(client, f"prisoners/{legal['anna'].public_id}/")
    assert [c["article"]["key"] for c in record["charges"]] == ["BY-CC-342-2"]
    assert record["charges"][0]["detained_on"] == "2021-07-14"
    (sentence,) = record["sentences"]
    assert (sentence["kind"], sentence["term_months"], sentence["regime"]) == (
        "imprisonment",
        120,
        "general",
    )
    assert sentence["in_absentia"] is False
    assert [c["place"]["name"] for c in record["custody"]] == [
        "Prison No. 1",
        "Correctional colony No. 4",
    ]
    assert record["custody"][1]["held_from"] == "2022-01-11"
    boris = get_ok(client, f"prisoners/{legal['boris'].public_id}/")
    assert boris["sentences"][0]["in_absentia"] is True
    # A JSON number, as the schema says (not DRF's decimal string).
    assert boris["sentences"][0]["fine_amount"] == 1000
    assert boris["sentences"][0]["fine_currency"] == "BYN"
    assert boris["charges"][0]["status"] == "dropped"
    assert boris["releases"][0]["legal_basis"] == "pardon"


def test_articles_list_their_titles_and_link_their_people(client, legal):
    body = get_ok(client, "articles/")
    keys = [article["key"] for article in body["results"]]
    assert keys == ["BY-CC-243-2", "BY-CC-342", "BY-CC-342-2"]
    article = get_ok(client, "articles/BY-CC-342/")
    assert article["titles"] == [
        {"language": "en", "title": "Group actions"},
        {"language": "ru", "title": "Групповые действия"},
    ]
    assert article["people"] == "/api/v1/prisoners/?article=BY-CC-342"
    assert get(client, "articles/BY-CC-999/").status_code == 404


def test_places_show_the_address_only_when_made_public(client, legal):
    colony = get_ok(client, f"places/{legal['colony'].public_id}/")
    assert colony["postal_address"] == "Synthetic street 4, Homiel"
    assert colony["other_names"] == [{"name": "ИК-4", "language": "ru", "script": "Cyrl"}]
    assert colony["country"] == {"code": "BY", "name": "Belarus"}
    prison = get_ok(client, f"places/{legal['prison'].public_id}/")
    assert prison["postal_address"] == ""  # kept internal, as every new place's is
    assert result_ids(client, "places/", region="Homiel Region") == [legal["colony"].public_id]
    Place.objects.filter(pk=legal["colony"].pk).update(is_published=False)
    assert get(client, f"places/{legal['colony'].public_id}/").status_code == 404


def test_held_by_article_place_and_region(client, legal):
    # Anna is detained (charged under 342-2, held in the colony since January 2022); Boris is
    # released; Vera is detained with no charge and no place recorded.
    assert get_ok(client, "statistics/held-by-article/") == [{"article": "BY-CC-342", "count": 1}]
    assert get_ok(client, "statistics/held-by-place/") == [
        {
            "place": legal["colony"].public_id,
            "place_name": "Correctional colony No. 4",
            "region": "Homiel Region",
            "count": 1,
        }
    ]
    assert get_ok(client, "statistics/held-by-region/") == [{"region": "Homiel Region", "count": 1}]
    rows = csv_rows(get(client, "statistics/held-by-article/", format="csv"))
    assert rows == [{"article": "BY-CC-342", "count": "1"}]


def test_a_person_charged_under_two_parts_counts_once_under_the_article(client, legal):
    anna = legal["anna"]
    Charge.objects.create(
        detention=anna.detentions.get(),
        article=Article.objects.create(jurisdiction=country("BY"), number="342", part="1"),
    )
    assert get_ok(client, "statistics/held-by-article/") == [{"article": "BY-CC-342", "count": 1}]


@pytest.mark.parametrize(
    "params",
    [
        {"article": "BY-CC-342"},
        {"place": "colony"},
        {"region": "Minsk"},
        {"sentence_kind": "imprisonment"},
        {"in_absentia": "true"},
        {"movement": "deported", "legal_basis": "pardon"},
    ],
)
def test_each_filter_costs_the_same_queries_whatever_the_page(
    client, legal, params, django_assert_num_queries
):
    params = {k: legal[v].public_id if v == "colony" else v for k, v in params.items()}
    # The first request of a process learns the published articles, places and regions (one
    # query for each kind named); later ones check against that copy.
    known = 1 if {"article", "place", "region"} & set(params) else 0
    with django_assert_num_queries(RATE_LIMIT_COUNTER + known + 2):
        get_ok(client, "prisoners/", **params)
    for page_size in (1, 100):
        # The page with its relations, and the bounded count.
        with django_assert_num_queries(RATE_LIMIT_COUNTER + 2):
            get_ok(client, "prisoners/", page_size=page_size, **params)


def test_an_article_or_place_published_meanwhile_is_known_at_once(client, legal):
    get_ok(client, "prisoners/", article="BY-CC-342")  # the copy of known articles is made
    colony = legal["colony"]
    Place.objects.filter(pk=colony.pk).update(is_published=False)
    assert get(client, "prisoners/", place=colony.public_id).status_code == 400
    title = ArticleTitle.objects.create(
        article=Article.objects.create(jurisdiction=country("BY"), number="411"),
        language="en",
        title="Malicious disobedience",
    )
    Place.objects.filter(pk=colony.pk).update(is_published=True)
    assert get(client, "prisoners/", article="BY-CC-411").status_code == 200
    assert get(client, "prisoners/", place=colony.public_id).status_code == 200
    # Withdrawn again: the copy may still accept its id for a minute, but it matches nobody.
    Place.objects.filter(pk=colony.pk).update(is_published=False)
    title.delete()
    response = get(client, "prisoners/", place=colony.public_id)
    assert response.status_code == 400 or response.json()["count"] == 0


@pytest.mark.parametrize(
    "path",
    ["statistics/held-by-article/", "statistics/held-by-place/", "statistics/held-by-region/"],
)
def test_each_statistic_is_one_query(client, legal, path, django_assert_num_queries):
    with django_assert_num_queries(RATE_LIMIT_COUNTER + 1):
        get_ok(client, path)


def test_articles_and_places_lists_cost_two_queries(client, legal, django_assert_num_queries):
    for path in ("articles/", "places/"):
        for page_size in (1, 100):
            with django_assert_num_queries(RATE_LIMIT_COUNTER + 2):
                get_ok(client, path, page_size=page_size)
