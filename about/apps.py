from django.apps import AppConfig


class AboutConfig(AppConfig):
    name = "about"
    verbose_name = "About us (transparency pages)"
