"""Word diffs for readers and editors: what a correction changed, shown in place."""

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

TOKEN = re.compile(r"\s+|[^\s]+")


def word_diff(before: str, after: str) -> SafeString:
    """``after`` as HTML with the words it removed in ``<del>`` and added in ``<ins>``."""
    old, new = TOKEN.findall(before or ""), TOKEN.findall(after or "")
    parts = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        removed, added = "".join(old[old_start:old_end]), "".join(new[new_start:new_end])
        if operation == "equal":
            parts.append(escape(added))
            continue
        if removed.strip():
            parts.append(f"<del>{escape(removed)}</del>")
        if added.strip():
            parts.append(f"<ins>{escape(added)}</ins>")
        elif added:
            parts.append(escape(added))
    # Safe: every piece of text was escaped above; the only tags are del and ins.
    return mark_safe("".join(parts))
