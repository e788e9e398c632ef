"""ClaimReview import: messy markup from the wild read leniently, stored as "also checked by"
(never as our verdicts), with a per-item report; and our own export read back."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from claims.claimreview.build import build_claimreview
from claims.claimreview.importer import import_document
from claims.claimreview.parse import ClaimReviewParseError, normalise_rating, parse_document
from claims.models import Claim, ExternalReview, Verdict
from tests.api_support import API, as_user
from tests.factories import make_checked_claim, make_claim

pytestmark = pytest.mark.django_db

PINOCCHIOS = {
    "@context": "http://schema.org",
    "type": "claimreview",  # no @, lower case
    "url": "https://www.washingtonpost.example/politics/fact-checker/turnout",
    "claimReviewed": "  Turnout in the capital   was 95 percent ",
    "author": [{"@type": "Organization", "name": "The Fact Checker"}],
    "datePublished": "June 12, 2019",
    # Pinocchios: 1 is best, 4 is worst.
    "reviewRating": {
        "ratingValue": "3",
        "bestRating": "1",
        "worstRating": "4",
        "alternateName": "Three Pinocchios",
    },
    "itemReviewed": {
        "@type": "CreativeWork",
        "author": {"name": "Akim of Nur-Sultan"},
        "url": "https://example.kz/speech",
    },
}
TEXT_ONLY = {
    "@type": "ClaimReview",
    "url": "https://factcheck.example.org/cheese",
    "itemReviewed": {"@type": "Claim", "name": "The moon is made of cheese"},
    "reviewRating": "Pants on fire",  # a bare string, no Rating object
}
NO_TEXT = {"@type": "ClaimReview", "url": "https://factcheck.example.org/empty"}
NO_URL = {"@type": "ClaimReview", "claimReviewed": "Police arrested 5,000 people"}
FACT_CHECK_TOOLS = {
    "claims": [
        {
            "text": "Tokayev received 90 percent of the vote",
            "claimant": "Opposition blogger",
            "claimDate": "2019-06-10T00:00:00Z",
            "claimReview": [
                {
                    "publisher": {"name": "FactCheck KZ", "site": "factcheck.kz"},
                    "url": "https://factcheck.kz/claim/90-percent",
                    "title": "No, not 90 percent",
                    "reviewDate": "2019-06-11T08:00:00Z",
                    "textualRating": "False",
                    "languageCode": "en",
                }
            ],
        }
    ],
    "nextPageToken": "abc",
}
PAGE = """<!doctype html><html><head><title>Fact check</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
  {"@type": "WebPage", "name": "Fact check"},
  {"@type": "ClaimReview", "claimReviewed": "Almaty has 3 million people",
   "author": {"name": "Almaty Checks"}, "reviewRating": {"ratingValue": 2}}
]}</script>
<script type="application/ld+json">{ this is not json </script>
</head><body><p>Our verdict.</p></body></html>"""


def one(document, **kwargs):
    [review] = parse_document(json.dumps(document), **kwargs)
    return review


# --- reading ----------------------------------------------------------------------------------


def test_a_messy_review_is_read_leniently():
    review = one(PINOCCHIOS)
    assert review.claim_reviewed == "Turnout in the capital was 95 percent"
    assert review.publisher_name == "The Fact Checker"
    assert review.rating_text == "Three Pinocchios"
    assert review.rating_value == pytest.approx(1 / 3, abs=1e-4)
    assert review.published_on == date(2019, 6, 12)
    assert review.claimant_name == "Akim of Nur-Sultan"
    assert review.appearance_url == "https://example.kz/speech"
    assert review.problem == ""


def test_a_rating_given_only_as_text_is_kept_as_text():
    review = one(TEXT_ONLY)
    assert (review.rating_text, review.rating_value) == ("Pants on fire", None)
    assert review.claim_reviewed == "The moon is made of cheese"
    assert review.publisher_name == "factcheck.example.org"  # from the URL, lacking an author


@pytest.mark.parametrize(
    ("value", "best", "worst", "expected"),
    [
        (4, 5, 1, 0.75),
        (1, 5, 1, 0.0),
        (5, 5, 1, 1.0),
        (3, 1, 4, 1 / 3),
        (7, 5, 1, None),
        (2, 2, 2, None),
        (0.5, 1, 0, 0.5),
    ],
)
def test_numeric_ratings_are_normalised_from_worst_to_best(value, best, worst, expected):
    result = normalise_rating(value, best=best, worst=worst)
    assert result == (pytest.approx(expected, abs=1e-4) if expected is not None else None)


def test_a_rating_without_a_scale_assumes_schema_orgs_one_to_five():
    [review] = parse_document(PAGE)
    assert review.rating_value == 0.25
    assert any("1 (worst) to 5 (best)" in note for note in review.notes)


@pytest.mark.parametrize(
    "document",
    [
        [PINOCCHIOS, TEXT_ONLY],
        {"@type": "DataFeed", "dataFeedElement": [PINOCCHIOS, TEXT_ONLY]},
        {
            "@type": "DataFeed",
            "dataFeedElement": [
                {"@type": "DataFeedItem", "item": PINOCCHIOS},
                {"@type": "DataFeedItem", "item": TEXT_ONLY},
            ],
        },
        {"@context": "https://schema.org", "@graph": [{"@type": "WebSite"}, PINOCCHIOS, TEXT_ONLY]},
    ],
    ids=["list", "datafeed", "datafeed-items", "graph"],
)
def test_lists_feeds_and_graphs_yield_every_review(document):
    reviews = parse_document(json.dumps(document))
    assert [r.url for r in reviews] == [PINOCCHIOS["url"], TEXT_ONLY["url"]]


def test_an_html_page_yields_its_json_ld_and_lends_its_address():
    [review] = parse_document(PAGE, base_url="https://almaty-checks.example/population")
    assert review.claim_reviewed == "Almaty has 3 million people"
    assert review.url == "https://almaty-checks.example/population"


def test_a_fact_check_tools_search_response_is_understood():
    [review] = parse_document(json.dumps(FACT_CHECK_TOOLS))
    assert review.claim_reviewed == "Tokayev received 90 percent of the vote"
    assert review.publisher_name == "FactCheck KZ"
    assert review.rating_text == "False"
    assert review.published_on == date(2019, 6, 11)
    assert review.claimant_name == "Opposition blogger"


@pytest.mark.parametrize("content", ["plain words", "{broken", "", b"\xff\xfe"])
def test_a_document_that_is_neither_json_nor_html_is_refused(content):
    with pytest.raises(ClaimReviewParseError):
        parse_document(content)


# --- storing ----------------------------------------------------------------------------------


def test_each_item_is_reported_imported_merged_or_skipped_with_why(editor):
    existing = make_claim(statement="The moon is made of cheese")
    document = [PINOCCHIOS, TEXT_ONLY, NO_TEXT, NO_URL, PINOCCHIOS]
    report = import_document(json.dumps(document), user=editor)
    outcomes = [(item.outcome, item.claim) for item in report.items]
    new_claim = Claim.objects.get(statement="Turnout in the capital was 95 percent")
    assert outcomes == [
        ("imported", new_claim.pk),
        ("merged", existing.pk),
        ("skipped", None),
        ("skipped", None),
        ("skipped", None),
    ]
    reasons = [item.reason for item in report.items]
    assert "No claim text" in reasons[2]
    assert "No usable URL" in reasons[3]
    assert "earlier in this document" in reasons[4]
    assert report.as_dict()["imported"] == 1


def test_imported_reviews_are_also_checked_by_never_our_verdicts(editor):
    import_document(json.dumps(PINOCCHIOS), user=editor)
    claim = Claim.objects.get(statement="Turnout in the capital was 95 percent")
    assert claim.status == "detected"
    assert not Verdict.objects.exists()
    stored = claim.external_reviews.get()
    assert (stored.publisher_name, stored.rating_text) == ("The Fact Checker", "Three Pinocchios")
    assert stored.publisher.confirmed is False  # a new source for an editor to check
    assert claim.claimant.name == "Akim of Nur-Sultan"
    assert stored.imported_by == editor
    assert stored.raw["url"] == PINOCCHIOS["url"]


def test_importing_the_same_review_again_updates_it_in_place(editor):
    import_document(json.dumps(PINOCCHIOS))
    corrected = {**PINOCCHIOS, "reviewRating": {"alternateName": "Four Pinocchios"}}
    report = import_document(json.dumps(corrected))
    assert report.items[0].outcome == "merged"
    assert ExternalReview.objects.get().rating_text == "Four Pinocchios"
    assert Claim.objects.count() == 1


def test_a_dry_run_reports_without_storing(editor):
    report = import_document(json.dumps([PINOCCHIOS, TEXT_ONLY]), dry_run=True)
    assert [item.outcome for item in report.items] == ["imported", "imported"]
    assert not Claim.objects.exists()
    assert not ExternalReview.objects.exists()


# --- our own ClaimReview, exported and read back ----------------------------------------------


OUR_SITE = "https://veracity.example.org/"


@pytest.fixture
def checked(editor, reviewer):
    claim = make_checked_claim(
        editor=editor, reviewer=reviewer, statement="Tokayev won with nearly 71% of the vote"
    )
    return Claim.objects.select_related("verdict__rating", "claimant", "article").get(pk=claim.pk)


def test_our_export_reads_back_as_the_same_review(checked):
    exported = build_claimreview(checked, OUR_SITE)
    [review] = parse_document(json.dumps(exported))
    verdict = checked.verdict
    assert review.url == f"https://veracity.example.org{checked.get_absolute_url()}"
    assert review.claim_reviewed == checked.statement
    assert review.rating_text == verdict.rating.label
    assert review.rating_value == (verdict.rating.value - 1) / 4
    assert review.published_on == verdict.published_at.date()
    assert review.claimant_name == checked.claimant.name
    assert review.appearance_url == checked.article.url
    assert review.notes == []


def test_our_own_review_is_recognised_and_not_imported_as_external(checked):
    exported = build_claimreview(checked, OUR_SITE)
    report = import_document(json.dumps(exported))
    assert (report.items[0].outcome, report.items[0].claim) == ("skipped", checked.pk)
    assert not ExternalReview.objects.exists()


def test_another_organisations_review_of_our_claim_merges_into_it(checked):
    theirs = build_claimreview(checked, "https://other-desk.example/")
    theirs["author"] = {"@type": "Organization", "name": "Other Desk"}
    report = import_document(json.dumps(theirs))
    assert (report.items[0].outcome, report.items[0].claim) == ("merged", checked.pk)
    assert checked.external_reviews.get().publisher_name == "Other Desk"


def test_a_merged_review_shows_at_once_on_the_stored_claim_page(
    client, checked, django_capture_on_commit_callbacks
):
    client.get(checked.get_absolute_url())  # stored for readers
    theirs = build_claimreview(checked, "https://other-desk.example/")
    theirs["author"] = {"@type": "Organization", "name": "Other Desk"}
    with django_capture_on_commit_callbacks(execute=True):
        import_document(json.dumps(theirs))
    assert "Other Desk" in client.get(checked.get_absolute_url()).content.decode()


# --- the command and the endpoint -------------------------------------------------------------


def test_the_command_imports_a_file_and_prints_each_outcome(tmp_path, editor):
    path = tmp_path / "feed.json"
    path.write_text(json.dumps({"@type": "DataFeed", "dataFeedElement": [PINOCCHIOS, NO_URL]}))
    out = StringIO()
    call_command("import_claimreview", str(path), "--user", editor.username, stdout=out)
    output = out.getvalue()
    assert "#1 https://www.washingtonpost.example/" in output
    assert "#2: skipped" in output
    assert "1 imported, 0 merged, 1 skipped." in output
    assert ExternalReview.objects.get().imported_by == editor


def test_the_command_dry_run_stores_nothing(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        PAGE.replace('"ratingValue": 2}', '"ratingValue": 2}, "url": "https://a.example/x"')
    )
    out = StringIO()
    call_command("import_claimreview", str(path), "--dry-run", stdout=out)
    assert "Dry run, nothing stored: 1 imported" in out.getvalue()
    assert not ExternalReview.objects.exists()


def test_the_command_says_what_is_wrong_with_its_input(tmp_path):
    with pytest.raises(CommandError, match="No file"):
        call_command("import_claimreview", str(tmp_path / "missing.json"))
    empty = tmp_path / "empty.json"
    empty.write_text("{}")
    with pytest.raises(CommandError, match="No ClaimReview"):
        call_command("import_claimreview", str(empty))


def test_the_endpoint_imports_an_html_page(client, editor):
    page = PAGE.replace('"ratingValue": 2}', '"ratingValue": 2}, "url": "https://a.example/x"')
    response = as_user(client, editor).post(
        f"{API}/claimreview/import/", page, content_type="text/html"
    )
    assert response.status_code == 200, response.content
    assert response.json()["imported"] == 1


def test_the_endpoint_accepts_json_ld_by_its_media_type(client, editor):
    response = as_user(client, editor).post(
        f"{API}/claimreview/import/?dry_run=true",
        json.dumps(FACT_CHECK_TOOLS),
        content_type="application/ld+json",
    )
    assert response.status_code == 200, response.content
    assert (response.json()["dry_run"], response.json()["imported"]) == (True, 1)
    assert not ExternalReview.objects.exists()


def test_the_endpoint_says_when_a_document_has_no_claimreview(client, editor):
    response = as_user(client, editor).post(
        f"{API}/claimreview/import/", {"@type": "WebPage"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "No ClaimReview" in response.json()["detail"]
