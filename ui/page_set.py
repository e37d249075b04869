"""The main window's pages, each made the first time it is needed.

The navigation lists every page from the start (a page's title is known without the page), but a
page (its module, its widgets, its first query) is made only when it is first shown or asked for
(``pages[key]``), so the first frame of the window waits only for the page in front. Iterating
gives every key in navigation order; ``built()`` gives only the pages made so far (``values()`` and
``items()`` would make them all).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.desk import Desk

PageFactory = Callable[[Desk], QWidget]


def _today(desk: Desk) -> QWidget:
    from ui.pages.today import TodayPage

    return TodayPage(desk)


def _traders(desk: Desk) -> QWidget:
    from ui.pages.traders import TradersPage

    return TradersPage(desk)


def _inquiries(desk: Desk) -> QWidget:
    from ui.pages.inquiries import InquiriesPage

    return InquiriesPage(desk)


def _cases(desk: Desk) -> QWidget:
    from ui.pages.cases import CasesPage

    return CasesPage(desk)


def _followups(desk: Desk) -> QWidget:
    from ui.pages.followups import FollowUpsPage

    return FollowUpsPage(desk)


def _letters(desk: Desk) -> QWidget:
    from ui.pages.letters import LettersPage

    return LettersPage(desk)


def standard_pages() -> list[tuple[str, str, PageFactory]]:
    """(key, title, factory) of the desk's pages, in navigation order. Each title is the one its
    page gives itself (same translation context and text)."""
    translate = QCoreApplication.translate
    return [
        ("today", translate("TodayPage", "Today"), _today),
        ("traders", translate("TradersPage", "Traders"), _traders),
        ("inquiries", translate("InquiriesPage", "Inquiries"), _inquiries),
        ("cases", translate("CasesPage", "Cases"), _cases),
        ("followups", translate("FollowUpsPage", "Follow-ups"), _followups),
        ("letters", translate("LettersPage", "Letters"), _letters),
    ]


class PageSet(Mapping[str, QWidget]):
    """Pages by key, made on first access; ``built(key, page)`` is told of each one made."""

    def __init__(self, built: Callable[[str, QWidget], None]) -> None:
        self._built = built
        self._titles: dict[str, str] = {}
        self._factories: dict[str, Callable[[], QWidget]] = {}
        self._pages: dict[str, QWidget] = {}

    def declare(self, key: str, title: str, factory: Callable[[], QWidget]) -> None:
        """A page to make when it is first needed."""
        if key in self._titles:
            raise ValueError(f"page {key!r} is already there")
        self._titles[key] = title
        self._factories[key] = factory

    def add(self, key: str, title: str, page: QWidget) -> None:
        """A page made already."""
        self.declare(key, title, lambda: page)
        self.make(key)

    def make(self, key: str) -> QWidget:
        """The page, made now if it was not yet (the same as ``pages[key]``)."""
        return self[key]

    def title(self, key: str) -> str:
        return self._titles[key]

    def is_built(self, key: str) -> bool:
        return key in self._pages

    def built(self) -> dict[str, QWidget]:
        """The pages made so far, in navigation order."""
        return {key: self._pages[key] for key in self._titles if key in self._pages}

    def __getitem__(self, key: str) -> QWidget:
        page = self._pages.get(key)
        if page is None:
            page = self._factories[key]()  # KeyError for a page that is not there
            self._pages[key] = page
            self._built(key, page)
        return page

    def __contains__(self, key: object) -> bool:
        return key in self._titles  # without making the page

    def __iter__(self) -> Iterator[str]:
        return iter(self._titles)

    def __len__(self) -> int:
        return len(self._titles)
