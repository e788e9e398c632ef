"""The claim's search document is kept by PostgreSQL itself, wherever its inputs change.

The document spans four tables (the claim, its verdict, its claimant, its article), and every
path that writes them (admin, API, imports, merges, renames, fixtures, bulk updates) must leave
it fresh, so the database computes it in triggers rather than each writer remembering to.
``claims_search_document`` is the one definition. SQLite searches the live columns instead
(claims.search), so there this migration does nothing.
"""

from django.db import migrations

DOCUMENT_FUNCTION = """
CREATE OR REPLACE FUNCTION claims_search_document(claim claims_claim) RETURNS tsvector
LANGUAGE sql STABLE AS $$
    SELECT setweight(to_tsvector('english', coalesce(claim.statement, '')), 'A')
        || setweight(to_tsvector('english', coalesce(claim.quote, '')), 'B')
        || setweight(to_tsvector('english', concat_ws(' ', verdict.summary, verdict.body)), 'C')
        || setweight(
            to_tsvector('english', concat_ws(' ', source.name, claim.attribution_phrase, article.title)),
            'D'
        )
    FROM (SELECT 1) AS one
    LEFT JOIN claims_verdict AS verdict ON verdict.claim_id = claim.id
    LEFT JOIN sources_source AS source ON source.id = claim.claimant_id
    LEFT JOIN articles_article AS article ON article.id = claim.article_id
$$;
"""

# Each trigger function and the statement that attaches it. An UPDATE that sets
# search_document (to anything) makes the claim's own trigger compute it again.
TRIGGERS = {
    "claims_claim_search_document": (
        "BEGIN NEW.search_document := claims_search_document(NEW); RETURN NEW; END;",
        "BEFORE INSERT OR UPDATE OF statement, quote, claimant_id, attribution_phrase, "
        "article_id, search_document ON claims_claim",
    ),
    "claims_verdict_search_document": (
        "BEGIN UPDATE claims_claim SET search_document = NULL "
        "WHERE id IN (NEW.claim_id, OLD.claim_id); RETURN NULL; END;",
        "AFTER INSERT OR DELETE OR UPDATE OF summary, body, claim_id ON claims_verdict",
    ),
    "sources_source_search_document": (
        "BEGIN UPDATE claims_claim SET search_document = NULL WHERE claimant_id = NEW.id; "
        "RETURN NULL; END;",
        "AFTER UPDATE OF name ON sources_source",
    ),
    "articles_article_search_document": (
        "BEGIN UPDATE claims_claim SET search_document = NULL WHERE article_id = NEW.id; "
        "RETURN NULL; END;",
        "AFTER UPDATE OF title ON articles_article",
    ),
}


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(DOCUMENT_FUNCTION)
    for name, (body, event) in TRIGGERS.items():
        schema_editor.execute(
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ {body} $$"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {name} {event} FOR EACH ROW EXECUTE FUNCTION {name}()"
        )
    schema_editor.execute("UPDATE claims_claim SET search_document = NULL")


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (_body, event) in TRIGGERS.items():
        table = event.rsplit(" ON ", 1)[1]
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}()")
    schema_editor.execute("DROP FUNCTION IF EXISTS claims_search_document(claims_claim)")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("claims", "0010_claim_worthiest_index"),
        ("sources", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
