from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims and verdicts"

    def ready(self):
        from claims.leases import check_leases
        from core.health import register_check

        register_check("extraction", check_leases)
