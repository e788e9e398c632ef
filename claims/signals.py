"""What the claims app announces to apps that build on it (imports run one way: claims never
imports them). Sent on commit by claims.workflow."""

from django.dispatch import Signal

# Sent with ``claim`` once its verdict is published (the first time, not on corrections).
claim_published = Signal()
