"""What the claims app announces to apps that build on it (imports run one way: claims never
imports them). Each is sent once the change is committed, by claims.workflow or
claims.link_checks; receivers read the public state themselves."""

from django.dispatch import Signal

# Sent with ``claim`` once its verdict is published (the first time, not on corrections).
claim_published = Signal()
# Sent with ``claim`` and ``correction`` once a correction or clarification of its published
# verdict is approved by a second editor.
verdict_corrected = Signal()
# Sent with ``claim`` and ``correction`` (the retraction) once a second editor approved it.
claim_retracted = Signal()
# Sent with ``link_check`` once a finding on a link of a claim's chain is published.
link_check_published = Signal()
