"""Regular expressions written by a site owner, compiled so that no line can stall a build.

Shared by config (which validates the patterns) and normalize (which matches
lines with them). Our own patterns use Python's `re` and are audited for linear
cost by a test; patterns from `site_config.yml` are compiled with RE2 instead.
"""

from __future__ import annotations

from typing import Any

import re2


def user_pattern(pattern: str) -> Any:
    """A site owner's pattern compiled with RE2, which matches in time linear in the line.

    Python's `re` backtracks: `(a+)+$` takes seconds on a line of 30 letters. RE2
    has no lookaround or backreferences, and rejects them. Case is ignored.
    """
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    return re2.compile(pattern, options)


def pattern_problem(pattern: str) -> str | None:
    """Why `pattern` cannot be used as a boilerplate pattern, or None."""
    try:
        user_pattern(pattern)
    except re2.error as exc:
        detail = exc.args[0] if exc.args else exc
        return detail.decode("utf-8", "replace") if isinstance(detail, bytes) else str(detail)
    return None
