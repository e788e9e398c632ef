"""The newsroom's admin for claims and the articles they come from. Django's admin
autodiscovery imports this package; importing the modules below registers their model admins."""

from claims.admin import (  # noqa: F401
    anchors,
    articles,
    claims,
    disagreements,
    external_reviews,
    link_checks,
)
