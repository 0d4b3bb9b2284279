"""The outlet book: outlet and agency names, credits and web domains -> one outlet each.

Part of the normalize stage. Built once per build from `site_config.yml`'s
`sources` and the package's outlet table (`briefing/data/outlets.csv`). A
configured source wins: a table row that shares a spelling or a domain with it
is read as that source. Names are compared ignoring case, quotes, dashes and a
leading "The"; short capitals (`AP`, `BBC`) and outlets whose names are common
words (`Time`, `Metro`) only as written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlparse

from ..config import SourceConfig
from ..folding import fold
from ..rule_tables import outlet_rows

MAX_SHORT_CAPS = 4       # `AP`, `AFP`, `TASS`: matched only in capitals


@dataclass(frozen=True)
class Outlet:
    """One outlet or agency as the book knows it."""

    name: str            # display name
    credit: str          # the wire name its copy is credited with ("AP"), or ""
    kind: str            # agency, outlet, aggregator, distributor, photo
    curated: bool = False

    @property
    def wire(self) -> str:
        """The name to show as an article's wire."""
        return self.credit or self.name

    @property
    def is_agency(self) -> bool:
        return self.kind == "agency"


def name_key(text: str) -> str:
    """`The Straits Times` and `straits times` give the same key (`The Print` keeps its
    article: `Print` alone is a button, not an outlet)."""
    key = fold(text).strip(" .,:;|")
    rest = key[4:]
    return rest if key.startswith("the ") and " " in rest else key


@dataclass(frozen=True)
class OutletBook:
    """Lookups from any spelling, credit or domain to an `Outlet`."""

    names: Mapping[str, Outlet] = field(default_factory=dict)    # name_key -> outlet
    exact: Mapping[str, Outlet] = field(default_factory=dict)    # as written -> outlet
    domains: Mapping[str, Outlet] = field(default_factory=dict)  # host without www.

    @classmethod
    def build(cls, sources: Iterable[SourceConfig] = ()) -> OutletBook:
        """Configured sources first, then the table's rows."""
        names: dict[str, Outlet] = {}
        exact: dict[str, Outlet] = {}
        domains: dict[str, Outlet] = {}
        for source in sources:
            if not source.name.strip():
                continue
            outlet = Outlet(source.name, source.credit, "agency" if source.credit else "outlet",
                            curated=True)
            _add(names, exact, (source.name, *source.aliases, source.credit), outlet, False)
            for domain in source.domains:
                domains.setdefault(_host(domain), outlet)
        for row in outlet_rows():
            spellings = (row.name, *row.aliases, row.credit)
            known = next((o for o in (*(_find(names, exact, s) for s in spellings),
                                      *(domains.get(d) for d in row.domains)) if o and o.curated),
                         None)
            outlet = Outlet(known.name, known.credit or row.credit, row.kind, True) \
                if known else Outlet(row.name, row.credit, row.kind)
            if not row.exact or " " in row.name:     # `Time`, `Metro`: by domain only
                _add(names, exact, spellings if not row.exact else (row.name,), outlet,
                     row.exact)
            for domain in row.domains:
                domains.setdefault(domain, outlet)
        return cls(names, exact, domains)

    def named(self, text: str) -> Outlet | None:
        """The outlet a whole text names (`Reuters`, `YONHAP NEWS`, `The Korea Herald`)."""
        text = text.strip()
        if not text or len(text) > 80:
            return None
        return _find(self.names, self.exact, text)

    def for_url(self, url: str) -> Outlet | None:
        """The outlet of a web address (its host or a parent domain)."""
        try:
            host = urlparse(url if "//" in url else f"//{url}").hostname or ""
        except ValueError:
            return None
        return self.for_host(host)

    def for_host(self, host: str) -> Outlet | None:
        """`edition.cnn.com` -> CNN; `finance.yahoo.com` before `yahoo.com`."""
        labels = _host(host).split(".")
        for start in range(len(labels) - 1):
            found = self.domains.get(".".join(labels[start:]))
            if found is not None:
                return found
        return None

    def spellings(self) -> dict[str, str]:
        """Folded spelling -> display name, for the byline reader."""
        found = {fold(key): outlet.name for key, outlet in self.names.items()}
        found.update({fold(key): outlet.name for key, outlet in self.exact.items()})
        return found


def host_of(url: str) -> str:
    """The host of a web address without `www.`, or ""."""
    try:
        return _host(urlparse(url if "//" in url else f"//{url}").hostname or "")
    except ValueError:
        return ""


def _host(host: str) -> str:
    return host.strip().casefold().removeprefix("www.")


def _is_short_caps(text: str) -> bool:
    letters = text.replace("-", "").replace(".", "")
    return len(letters) <= MAX_SHORT_CAPS and letters.isupper()


def _add(names: dict[str, Outlet], exact: dict[str, Outlet], spellings: Iterable[str],
         outlet: Outlet, exact_only: bool) -> None:
    for spelling in spellings:
        spelling = spelling.strip()
        if not spelling:
            continue
        if exact_only or _is_short_caps(spelling):
            exact.setdefault(spelling, outlet)
        else:
            names.setdefault(name_key(spelling), outlet)


def _find(names: Mapping[str, Outlet], exact: Mapping[str, Outlet], text: str
          ) -> Outlet | None:
    return exact.get(text.strip()) or names.get(name_key(text))
