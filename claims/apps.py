from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims and verdicts"

    def ready(self):
        from claims.leases import check_leases
        from core.health import register_check

        register_check("extraction", check_leases)
        post_migrate.connect(install_tally_triggers, sender=self)


def install_tally_triggers(using, **kwargs):
    from claims.models.tallies import install_triggers

    install_triggers(using)
