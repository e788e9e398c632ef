from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims and verdicts"

    def ready(self):
        from sources.signals import names_changed

        names_changed.connect(refresh_claims_of_source, dispatch_uid="claims.search")


def refresh_claims_of_source(sender, *, source, **kwargs):
    """A renamed or merged source: the search documents of its claims carry its name."""
    from claims.search import refresh_claims_of

    refresh_claims_of(source)
