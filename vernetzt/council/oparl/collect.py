"""Reading a whole source into memory, before anything is written.

Every object is kept once per OParl id with where it was found: OParl 1.0 servers embed
agenda items in meetings, consultations in papers, memberships in persons and files in all
of them, without the back-reference that OParl 1.1 objects carry (``meeting``, ``paper``,
``person``). ``Found.parent`` supplies it, and ``Found.position`` the place in the parent's
list (for agenda items without ``order``).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from vernetzt.council.oparl.report import IMPORTED_TYPES
from vernetzt.council.oparl.sources import LooseFolder, SourceError

MAX_PAGES = 20_000
MAX_OBJECTS = 1_000_000
PROGRESS_EVERY_FILES = 100

# A body's lists (OParl 1.0 has the first four; 1.1 adds the rest) and their objects' type.
BODY_LISTS = {
    "organization": "Organization",
    "person": "Person",
    "meeting": "Meeting",
    "paper": "Paper",
    "membership": "Membership",
    "agendaItem": "AgendaItem",
    "consultation": "Consultation",
    "file": "File",
}
KNOWN_ELSEWHERE = {"System", "Body", "Location", "LegislativeTerm"}


def type_of(obj):
    """``("Meeting", "1.0")`` for ``https://schema.oparl.org/1.0/Meeting``."""
    url = obj.get("type")
    if not isinstance(url, str) or "/" not in url:
        return None, None
    parts = url.rstrip("/").split("/")
    version = parts[-2] if len(parts) >= 2 and parts[-2][:1].isdigit() else None
    return parts[-1], version


@dataclass
class Found:
    data: dict
    parent: dict | None = None
    parent_type: str | None = None
    parent_key: str | None = None
    position: int = 0


@dataclass
class Collection:
    report: object
    objects: dict = field(default_factory=lambda: {name: {} for name in IMPORTED_TYPES})
    total: int = 0

    def add(self, obj, *, default_type=None, parent=None, parent_type=None, parent_key=None, position=0):
        if not isinstance(obj, dict):
            self.report.warn(_("An entry that is not an object was ignored."))
            return
        type_name, version = type_of(obj)
        type_name = type_name or default_type
        if version:
            self.report.versions.add(version)
        oparl_id = obj.get("id")
        if not type_name or not isinstance(oparl_id, str):
            self.report.warn(_("An object without type or id was ignored."), str(oparl_id or ""))
            return
        if type_name == "Body":
            self.report.municipalities.append(str(obj.get("name", oparl_id)))
        if type_name not in self.objects:
            if type_name not in KNOWN_ELSEWHERE:
                self.report.warn(
                    _("Objects of type %(type)s are not imported.") % {"type": type_name}, oparl_id
                )
            return
        self.total += 1
        if self.total > MAX_OBJECTS:
            raise SourceError(_("The source holds more than %(limit)s objects.") % {"limit": MAX_OBJECTS})
        known = self.objects[type_name].get(oparl_id)
        if known is None:
            self.objects[type_name][oparl_id] = Found(obj, parent, parent_type, parent_key, position)
        elif known.parent is None and parent is not None:
            # A 1.1 server lists embedded objects separately too; where they are embedded
            # says what they belong to.
            known.parent, known.parent_type, known.parent_key = parent, parent_type, parent_key
            known.position = position
        self._embedded(obj, type_name)

    def _embedded(self, obj, type_name):
        for key, value in obj.items():
            children = value if isinstance(value, list) else [value]
            for position, child in enumerate(children, start=1):
                if isinstance(child, dict) and "id" in child and "type" in child:
                    self.add(
                        child, parent=obj, parent_type=type_name, parent_key=key, position=position
                    )


def collect(source, *, report, progress=lambda message: None):
    """Every object of ``source`` (see ``sources.open_source``), as a ``Collection``."""
    collection = Collection(report)
    if isinstance(source, LooseFolder):
        number = 0
        for number, (_name, document) in enumerate(source.documents(), start=1):
            for item in _items(document):
                collection.add(item)
            if number % PROGRESS_EVERY_FILES == 0:
                progress(_("read %(count)s files") % {"count": number})
        progress(_("read %(count)s files") % {"count": number})
        return collection
    start = source.get(source.start)
    type_name, version = type_of(start)
    if version:
        report.versions.add(version)
    if type_name == "System":
        bodies = list(_list_items(source, start.get("body"), report, progress))
    elif type_name == "Body":
        bodies = [start]
    elif isinstance(start.get("data"), list):
        bodies = list(_list_items(source, source.start, report, progress, first=start))
    else:
        raise SourceError(_("%(url)s is no OParl system, body or body list.") % {"url": source.start})
    for body in bodies:
        collection.add(body, default_type="Body")
        for key, item_type in BODY_LISTS.items():
            url = body.get(key)
            if isinstance(url, str):
                for item in _list_items(source, url, report, progress):
                    collection.add(item, default_type=item_type)
    return collection


def _items(document):
    if isinstance(document, list):
        return document
    if isinstance(document, dict) and isinstance(document.get("data"), list):
        return document["data"]
    return [document]


def _list_items(source, url, report, progress, first=None):
    """The objects of a paginated list, following ``links.next`` (with a guard against loops)."""
    if not isinstance(url, str):
        raise SourceError(_("A list address is missing in the source."))
    seen = set()
    page = first
    while url and url not in seen:
        if len(seen) >= MAX_PAGES:
            raise SourceError(_("A list has more than %(limit)s pages.") % {"limit": MAX_PAGES})
        seen.add(url)
        page = page if page is not None else source.get(url)
        if not isinstance(page, dict) or not isinstance(page.get("data"), list):
            raise SourceError(_("%(url)s is not an OParl list.") % {"url": url})
        yield from page["data"]
        progress(_("read %(url)s") % {"url": url})
        links = page.get("links") if isinstance(page.get("links"), dict) else {}
        url = links.get("next")
        page = None
    if url in seen:
        report.warn(_("A list's next page pointed back to an earlier page; reading stopped there."), url)
