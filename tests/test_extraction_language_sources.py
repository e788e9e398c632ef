"""Stored articles: the detected language and its message, kinds of new Sources, the
claimant's mention in `extract_claims`, transcripts through the command."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, ExtractionState
from claims import ingest
from claims.claimreview.build import source_entity
from sources.models import Source, SourceKind
from tests.api_support import API, as_user, call

pytestmark = pytest.mark.django_db

RUSSIAN = (
    "Правительство Казахстана объявило в понедельник о новых мерах поддержки малого бизнеса.\n\n"
    "«Мы поможем всем предпринимателям», — сказал министр экономики на пресс-конференции. "
    "По его словам, на программу выделят 300 миллиардов тенге.\n"
)
MESSAGE = "Extraction supports English; this article is in Russian"


def ingest_now(text: str, captured) -> Article:
    with captured(execute=True):
        article = ingest.ingest_text(text).article
    article.refresh_from_db()
    return article


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_russian_article_is_stored_without_claims_and_says_why(
    django_capture_on_commit_callbacks, editor_client, editor
):
    article = ingest_now(RUSSIAN, django_capture_on_commit_callbacks)
    assert article.language == "ru"
    assert article.extraction_state == ExtractionState.DONE
    assert not article.claims.exists()
    assert article.extraction_note.startswith(MESSAGE)
    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert MESSAGE in page.content.decode()
    polled = call(as_user(editor_client, editor), "GET", f"{API}/articles/{article.pk}/").json()
    assert polled["extraction_note"].startswith(MESSAGE)
    assert polled["language"] == "ru"


def test_an_english_article_gets_claims_and_no_note(django_capture_on_commit_callbacks):
    article = ingest_now(
        "Unemployment fell to 3.1 percent in May, Anna Kowalska told reporters on Tuesday.",
        django_capture_on_commit_callbacks,
    )
    assert (article.language, article.extraction_note) == ("en", "")
    assert article.claims.exists()


def test_the_commands_say_why_a_russian_file_has_no_claims(tmp_path):
    path = tmp_path / "ru.txt"
    path.write_text(RUSSIAN, encoding="utf-8")
    out, err = run("extract_claims", str(path))
    result = json.loads(out)
    assert (result["language"], result["sentences"]) == ("ru", [])
    assert result["message"].startswith(MESSAGE)
    assert MESSAGE in err
    out, _ = run("ingest", str(path))
    assert MESSAGE in out


def test_new_sources_get_their_kind_and_state_affiliation(django_capture_on_commit_callbacks):
    ingest_now(
        "Turnout was 77 percent, the state news agency Kazinform reported on Monday.\n\n"
        "Marat Ospanov, a lawyer in Almaty, said 40 people were detained on Sunday.\n\n"
        "Ospanov told reporters that 12 of them were released on Monday.\n",
        django_capture_on_commit_callbacks,
    )
    kazinform = Source.objects.get(name="Kazinform")
    assert (kazinform.kind, kazinform.state_affiliated) == (SourceKind.STATE_MEDIA, True)
    person = Source.objects.get(name="Marat Ospanov")
    assert person.kind == SourceKind.PERSON
    assert source_entity(person)["@type"] == "Person"
    assert source_entity(kazinform)["@type"] == "Organization"
    assert not Source.objects.filter(name="Ospanov").exists()  # one person, one Source


def test_extract_claims_gives_the_mention_of_the_claimant(tmp_path):
    path = tmp_path / "a.txt"
    text = "Marat Ospanov arrived on Monday.\nHe told reporters that 40 people were detained.\n"
    path.write_text(text, encoding="utf-8")
    sentences = json.loads(run("extract_claims", str(path))[0])["sentences"]
    claimant = sentences[1]["claimant"]
    assert (claimant["text"], claimant["start"], claimant["end"]) == ("Marat Ospanov", 0, 13)
    start = text.index("He told")
    assert claimant["mention"] == {"text": "He", "start": start, "end": start + 2}
    assert sentences[0]["claimant"] is None


def test_extract_claims_reads_a_transcript_when_asked(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("SMITH: Taxes will fall by 3 percent.\n\nJONES: They will rise.\n")
    sentences = json.loads(run("extract_claims", "--transcript", str(path))[0])["sentences"]
    assert [(s["text"], s["claimant"]["text"]) for s in sentences] == [
        ("Taxes will fall by 3 percent.", "SMITH"),
        ("They will rise.", "JONES"),
    ]
    assert sentences[0]["claimant"]["mention"] is None
