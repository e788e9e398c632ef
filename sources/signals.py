"""What the sources app announces to apps that build on it.

Claims keep a search document that carries their claimant's name, but imports run one way
(sources never import claims), so a change of a source's names is announced here and the
claims app refreshes its documents in its receiver (``claims.apps``).
"""

from django.dispatch import Signal

# Sent with ``source`` after its name changed or other sources were merged into it.
names_changed = Signal()
