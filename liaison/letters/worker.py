"""What a batch's worker process runs: it starts with the batch's logo (sent once, not with every
letter), warms up, then turns each ``LetterContent`` it is sent into PDF bytes. Kept apart from
``batch`` so a worker imports the renderer and nothing of the database side."""

from __future__ import annotations

from liaison.letters.content import LetterContent
from liaison.letters.render import render_pdf, warm_up

_logo: bytes | None = None  # the logo of the batch this process serves


def start(logo: bytes | None) -> None:
    global _logo
    _logo = logo
    warm_up(logo)


def render(content: LetterContent) -> bytes:
    return render_pdf(content, _logo)
