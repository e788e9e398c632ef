from django.apps import AppConfig


class TipsConfig(AppConfig):
    name = "tips"
    verbose_name = "Readers' tips"

    def ready(self):
        from claims.signals import claim_published
        from tips.notify import tell_tipsters

        claim_published.connect(tell_tipsters, dispatch_uid="tips.tell_tipsters")
