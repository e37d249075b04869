"""The demo office's sign-ins: (username, password, role), listed on a demo database's sign-in
dialog and created by the demo generator.

Kept outside the ``liaison.demo`` package on purpose: importing anything under it runs the
package's ``__init__``, which loads the whole generator, and the sign-in dialog needs only these
three lines. ``liaison.demo`` re-exports ``DEMO_ACCOUNTS``.
"""

from __future__ import annotations

DEMO_ACCOUNTS: tuple[tuple[str, str, str], ...] = (
    ("admin", "demo-admin", "admin"),
    ("officer", "demo-officer", "officer"),
    ("viewer", "demo-viewer", "viewer"),
)
