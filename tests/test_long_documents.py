"""Long documents: extraction stores claims in chunks that each commit with the run's progress
(shown in the admin while it runs); a run cut short is replaced by the next, which stores
exactly what an uncut run stores; a run's claims are linked to duplicates in batches, with the
same links as matching each claim as it is created; and a text over the size limit is refused
before any work, by every way in."""

from io import StringIO

import psycopg
import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection
from django.urls import reverse

from articles.models import Article, ExtractionState
from claims import ingest
from claims.extraction_store import extract_article, untouched_detections
from claims.matching.batch import RunMatcher
from claims.matching.matches import match_new_claim
from claims.models import Claim
from claims.tasks import extract_article_claims
from sources.models import Source
from tests.factories import load_seed_sources, make_article, make_claim, seed_article_text
from tests.postgres import database_url

pytestmark = pytest.mark.django_db


class CutShort(BaseException):
    """The worker stops here, between two chunks: like the SystemExit of a worker stopped by a
    signal, not an error, so the run leaves its committed chunks for the next run to replace."""


@pytest.fixture
def chunks_of_two(settings):
    settings.EXTRACTION_CHUNK_SENTENCES = 2


def stored_article(captured) -> Article:
    load_seed_sources()
    with captured(execute=False):  # extraction is run by each test
        return ingest.ingest_text(seed_article_text(), title="Kazakhstan votes").article


def claims_of(article: Article) -> list[tuple]:
    """What extraction stored, by content: span, claimant, chain, and the span it duplicates."""
    claims = article.claims.select_related("claimant", "duplicate_of").prefetch_related(
        "chain__source"
    )
    return sorted(
        (
            claim.start,
            claim.end,
            claim.statement,
            claim.proposed,
            claim.claimant.name if claim.claimant else None,
            tuple(
                (link.source.name if link.source else None, link.role, link.text)
                for link in claim.chain.all()
            ),
            (claim.duplicate_of.start, claim.duplicate_of.end) if claim.duplicate_of else None,
        )
        for claim in claims
    )


def progress_writes(writes: list, *, fail_at: int | None = None):
    """Record the article updates that set the run's progress (the start resets it, then each
    chunk writes it); with ``fail_at``, the database refuses that one."""

    def record(execute, sql, params, many, context):
        if sql.startswith('UPDATE "articles_article"') and '"extraction_total"' in sql:
            writes.append(sql)
            if len(writes) == fail_at:
                raise OperationalError("disk full")
        return execute(sql, params, many, context)

    return record


def test_a_chunked_run_records_its_progress_with_each_chunk(
    chunks_of_two, django_capture_on_commit_callbacks
):
    article = stored_article(django_capture_on_commit_callbacks)
    seen = []

    def progress(done, total):
        # Inside the chunk's transaction: the chunk's claims are there, the later ones not yet.
        seen.append((done, total, article.claims.count()))

    summary = extract_article(article, progress=progress)

    total = len(summary.created)
    assert total >= 5
    assert seen == [(min(n, total), total, min(n, total)) for n in range(2, total + 2, 2)]


def test_the_task_stores_progress_and_finishes_with_every_sentence_stored(
    chunks_of_two, django_capture_on_commit_callbacks
):
    article = stored_article(django_capture_on_commit_callbacks)
    written = []
    with connection.execute_wrapper(progress_writes(written)):
        extract_article_claims.call(article.pk)
    article.refresh_from_db()

    assert article.extraction_state == ExtractionState.DONE
    total = article.claims.count()
    assert (article.extraction_progress, article.extraction_total) == (total, total)
    assert len(written) == 1 + (total + 1) // 2, "the start, then one write per chunk"


def test_the_admin_shows_how_far_a_running_extraction_got(
    editor_client, django_capture_on_commit_callbacks
):
    article = stored_article(django_capture_on_commit_callbacks)
    Article.objects.filter(pk=article.pk).update(
        extraction_state=ExtractionState.RUNNING, extraction_progress=1500, extraction_total=5410
    )

    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    listing = editor_client.get(reverse("admin:articles_article_changelist"))

    assert "1,500 of 5,410 sentences stored" in page.content.decode()
    assert '<progress value="1500" max="5410"' in page.content.decode()
    assert "Running: 1,500 of 5,410 sentences stored" in listing.content.decode()
    polled = editor_client.get(f"/api/v1/articles/{article.pk}/").json()
    assert (polled["extraction_progress"], polled["extraction_total"]) == (1500, 5410)


def test_a_run_cut_short_between_chunks_is_replaced_by_exactly_what_an_uncut_run_stores(
    chunks_of_two, django_capture_on_commit_callbacks
):
    article = stored_article(django_capture_on_commit_callbacks)
    sources_before = set(Source.objects.values_list("pk", flat=True))
    extract_article(article)
    uncut = claims_of(article)
    untouched_detections(article).delete()
    Source.objects.exclude(pk__in=sources_before).delete()  # as before the first run

    def stop_after_two_chunks(done, total):
        if done > 4:
            raise CutShort

    with pytest.raises(CutShort):
        extract_article(article, progress=stop_after_two_chunks)
    assert article.claims.count() == 4, "the two committed chunks stay until the next run"

    summary = extract_article(article)

    assert summary.replaced == 4
    assert claims_of(article) == uncut


def test_a_failed_run_leaves_none_of_its_claims(chunks_of_two, django_capture_on_commit_callbacks):
    article = stored_article(django_capture_on_commit_callbacks)
    written = []
    refused = progress_writes(written, fail_at=4)  # the third chunk's
    with connection.execute_wrapper(refused), pytest.raises(OperationalError):
        extract_article_claims.call(article.pk)
    article.refresh_from_db()

    assert article.extraction_state == ExtractionState.FAILED
    assert article.extraction_error == "OperationalError: disk full"
    assert not article.claims.exists(), "the two chunks it committed are gone too"


# --- batched matching ---------------------------------------------------------------------------

ORIGINALS = [
    "Tokayev won nearly 71% of the vote in the snap presidential election",
    "Police arrested 500 people at rallies in Almaty and Nur-Sultan on Sunday",
    "Turnout was 77.4 percent according to the Central Election Commission",
]
NEW = [
    "Tokayev took almost 71 percent of votes in the snap presidential election",
    "The OSCE said the election was marred by violations of fundamental freedoms",
    "Police detained 500 people at rallies in Almaty and Nur-Sultan on Sunday",
    "Turnout reached 77 percent nationwide on Sunday according to officials",
    "The OSCE said the election was marred by clear violations of fundamental freedoms",
    "Tokayev won 71 percent",
    "Turnout was 77.4 per cent according to the Central Election Commission",
    "Police detained 5,000 people at rallies in Almaty and Nur-Sultan on Sunday",
]


def linked_statements(claims: list[Claim]) -> dict[str, str | None]:
    for claim in claims:
        claim.refresh_from_db()
    return {c.statement: c.duplicate_of.statement if c.duplicate_of else None for c in claims}


def claims_in_one_article(statements: list[str]) -> list[Claim]:
    article = make_article(". ".join(statements) + ".")
    return [make_claim(article, statement) for statement in statements]


def test_batched_matching_links_as_matching_each_claim_as_it_is_created():
    claims_in_one_article(ORIGINALS)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE claims_claim")  # token statistics, as in production
        cache.clear()
    one_by_one = []
    for statement in NEW:
        one_by_one += claims_in_one_article([statement])
        match_new_claim(one_by_one[-1])
    expected = linked_statements(one_by_one)
    Claim.objects.filter(pk__in=[claim.pk for claim in one_by_one]).delete()

    matcher = RunMatcher()
    batch = claims_in_one_article(NEW)
    matcher.link(batch[:3])  # two chunks of one run
    matcher.link(batch[3:])

    assert linked_statements(batch) == expected
    assert sum(target is not None for target in expected.values()) >= 3, "links to compare"
    assert expected[NEW[4]] == NEW[1], "a later claim of the run links to an earlier one"
    assert expected[NEW[7]] is None, "conflicting numbers"


# --- the size limit at every way in -------------------------------------------------------------

OVER_THE_LIMIT = "Police arrested 500 people at rallies in Almaty on Sunday. " * 4


@pytest.fixture
def limit_of_100(settings):
    settings.VERACITY_MAX_ARTICLE_CHARS = 100


def test_the_admin_refuses_a_text_over_the_limit_on_its_field(limit_of_100, editor_client):
    response = editor_client.post(
        reverse("admin:articles_article_add"), {"text": OVER_THE_LIMIT, "title": "Too long"}
    )

    assert response.status_code == 200
    [error] = response.context["form"].errors["text"]
    assert f"The article has {len(OVER_THE_LIMIT)} characters; the limit is 100." in error
    assert not Article.objects.exists()


@pytest.mark.parametrize("field", ["text", "html"])
def test_the_api_refuses_a_text_over_the_limit_naming_the_field(
    limit_of_100, client, editor, field
):
    client.force_login(editor)
    body = (
        OVER_THE_LIMIT if field == "text" else f"<html><body><p>{OVER_THE_LIMIT}</p></body></html>"
    )

    response = client.post("/api/v1/articles/", {field: body}, "application/json")

    assert response.status_code == 400
    [message] = response.json()[field]
    assert "the limit is 100" in message
    assert not Article.objects.exists()


def test_manage_py_ingest_refuses_a_text_over_the_limit(limit_of_100, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(OVER_THE_LIMIT)

    with pytest.raises(CommandError, match="the limit is 100"):
        call_command("ingest", str(path), stdout=StringIO(), stderr=StringIO())
    assert not Article.objects.exists()


def test_manage_py_ingest_refuses_a_file_over_the_byte_limit_before_reading_it(settings, tmp_path):
    settings.VERACITY_MAX_PAGE_BYTES = 100
    path = tmp_path / "long.html"
    path.write_text(f"<html><body><p>{OVER_THE_LIMIT}</p></body></html>")

    with pytest.raises(CommandError, match="bytes; the limit is 100"):
        call_command("ingest", str(path), stdout=StringIO(), stderr=StringIO())


@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_extract_claims_refuses_a_text_over_the_limit(limit_of_100, tmp_path, suffix):
    path = tmp_path / f"long{suffix}"
    text = (
        OVER_THE_LIMIT if suffix == ".txt" else f"<html><body><p>{OVER_THE_LIMIT}</p></body></html>"
    )
    path.write_text(text)

    with pytest.raises(CommandError, match=f"{path}: .* the limit is 100"):
        call_command("extract_claims", str(path), stdout=StringIO())


def test_extract_claims_refuses_a_file_over_the_byte_limit(settings, tmp_path):
    settings.VERACITY_MAX_PAGE_BYTES = 100
    path = tmp_path / "long.txt"
    path.write_text(OVER_THE_LIMIT)

    with pytest.raises(CommandError, match="bytes; the limit is 100"):
        call_command("extract_claims", str(path), stdout=StringIO())


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="another connection queues the article again while the run is inside a chunk",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_run_whose_article_was_queued_again_stops_at_its_next_chunk(
    chunks_of_two, django_capture_on_commit_callbacks
):
    """A worker alive past its lease (its heartbeat could not reach the database) finds the
    article queued again for another run: it writes nothing more, and leaves the article to
    the next run, which replaces what it had committed."""
    article = stored_article(django_capture_on_commit_callbacks)
    untouched_detections(article).delete()  # a real commit ran the queued extraction
    Article.objects.filter(pk=article.pk).update(extraction_state=ExtractionState.PENDING)
    written = []

    def queue_again_before_the_second_chunk(execute, sql, params, many, context):
        if sql.startswith('UPDATE "articles_article"') and '"extraction_total"' in sql:
            written.append(sql)
            if len(written) == 3:  # the start, the first chunk, now the second
                with psycopg.connect(database_url()) as other:
                    rerun = other.execute(
                        "UPDATE articles_article SET extraction_state = 'pending', "
                        "extraction_run = '', extraction_lease_until = NULL WHERE id = %s",
                        [article.pk],
                    )
                    assert rerun.rowcount == 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(queue_again_before_the_second_chunk):
        result = extract_article_claims.call(article.pk)
    article.refresh_from_db()

    assert result["skipped"] == "queued again while running"
    assert article.extraction_state == ExtractionState.PENDING
    assert article.extraction_error == ""
    assert not article.claims.exists(), "the second chunk rolled back, the first removed"
    assert (article.extraction_progress, article.extraction_run) == (2, "")
