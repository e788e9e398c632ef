"""A name nobody knows becomes an unconfirmed Source under its bare name, the phrase its alias."""

import pytest

from articles.models import Article
from claims import ingest
from claims.extraction.names import bare_name
from sources.models import Source
from tests.factories import make_source


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("Interfax news agency", "Interfax"),
        ("state-run RIA Novosti news agency", "RIA Novosti"),
        ("Kazakhstan's Central Election Commission", "Central Election Commission"),
        ("opposition newspaper Novaya Gazeta", "Novaya Gazeta"),
        ("Russian news agency Interfax", "Interfax"),
        ("spokesman for the Interior Ministry", "Interior Ministry"),
        ("Reuters correspondent in Almaty", "Reuters"),
    ],
)
def test_a_describing_phrase_gives_its_bare_name(phrase, name):
    assert bare_name(phrase) == name


@pytest.mark.parametrize(
    "phrase",
    [
        "Sergey Zheleznyak",
        "Ursula von der Leyen",
        "Tokayev's campaign website",
        "Zheleznyak’s Press Service",
        "U.S. State Department",
        "his office",
    ],
)
def test_a_name_or_someones_own_outlet_stays_whole(phrase):
    assert bare_name(phrase) == phrase


def ingest_now(text: str, captured, **meta) -> Article:
    with captured(execute=True):
        article = ingest.ingest_text(text, **meta).article
    article.refresh_from_db()
    return article


def aliases_of(name: str) -> list[str]:
    return list(Source.objects.get(name=name).aliases.values_list("text", flat=True))


@pytest.mark.django_db
def test_a_relay_phrase_makes_a_source_under_the_bare_name(django_capture_on_commit_callbacks):
    ingest_now(
        "Turnout was 77 percent, Interior Minister Yerlan Turgumbayev was quoted as saying by "
        "the state-run RIA Novosti news agency.",
        django_capture_on_commit_callbacks,
    )
    ria = Source.objects.get(name="RIA Novosti")
    assert ria.confirmed is False
    assert aliases_of("RIA Novosti") == ["state-run RIA Novosti news agency"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sentence", "name", "alias"),
    [
        (
            "Turnout was 77.4 percent, the Interfax news agency reported.",
            "Interfax",
            "Interfax news agency",
        ),
        (
            "Turnout was 77.4 percent, Kazakhstan's Central Election Commission said.",
            "Central Election Commission",
            "Kazakhstan's Central Election Commission",
        ),
        (
            "Police detained 500 people, opposition newspaper Novaya Gazeta reported.",
            "Novaya Gazeta",
            "opposition newspaper Novaya Gazeta",
        ),
    ],
)
def test_the_next_article_naming_only_the_bare_name_finds_the_same_source(
    django_capture_on_commit_callbacks, sentence, name, alias
):
    first = ingest_now(sentence, django_capture_on_commit_callbacks)
    second = ingest_now(
        f"Turnout in Almaty was 62 percent on Sunday, {name} said.",
        django_capture_on_commit_callbacks,
    )
    source = first.claims.get().claimant
    assert source.name == name
    assert aliases_of(name) == [alias]
    assert second.claims.get().claimant == source


@pytest.mark.django_db
def test_people_keep_their_names_and_a_spokesman_is_not_a_source(
    django_capture_on_commit_callbacks,
):
    article = ingest_now(
        "Russia expects ties to grow by 20 percent, said Sergey Zheleznyak, a member of the "
        "State Duma.\n\n"
        "Police detained 500 people, a spokesman for the Interior Ministry said.",
        django_capture_on_commit_callbacks,
    )
    claimants = [claim.claimant.name for claim in article.claims.order_by("start")]
    assert claimants == ["Sergey Zheleznyak", "Interior Ministry"]
    assert aliases_of("Sergey Zheleznyak") == []
    assert not Source.objects.filter(name__icontains="spokesman").exists()


@pytest.mark.django_db
def test_a_dateline_agency_is_a_contributor_and_not_part_of_the_claim(
    django_capture_on_commit_callbacks,
):
    reuters = make_source("Reuters", kind="news_agency")
    article = ingest_now(
        "ALMATY, Kazakhstan (Reuters) - Police detained 500 people at rallies in Almaty on "
        "Sunday, the interior ministry said.\n",
        django_capture_on_commit_callbacks,
    )
    claim = article.claims.get()
    assert claim.quote.startswith("Police detained 500 people")
    assert article.body[claim.start : claim.end] == claim.quote
    assert list(article.contributors.all()) == [reuters]
