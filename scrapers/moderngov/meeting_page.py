"""Read a ModernGov meeting page (`ieListDocuments.aspx`) in document order, not by its nesting.

Real templates do not nest the way the product intends: one council opens an item toolbar
(`ul.mgActionList`) twice and closes it once, so every HTML parser nests the rest of the item cell
inside the toolbar. So this reader never walks children. It flattens the page into the order the
bytes came in and reads it like text: an agenda item is whatever lies between its `AI<id>` anchor
and the next item's anchor (or an unnumbered heading row); labels ("Supporting documents:",
"Minutes:", "Decision:") switch what the following text and links are, by meaning.

Parser: Python's `html.parser` (through BeautifulSoup). It applies no repair rules at all, so what
comes later in the bytes comes later in document order, whatever fails to close. html5lib follows
the HTML5 tree-building rules and foster-parents content found between table cells to before the
table, moving minutes out of their item; lxml (libxml2) read every template family the same as
html.parser in our tests but repairs by its own rules. The comparison is a test
(tests/test_moderngov_pages.py::test_reader_parser_keeps_document_order_where_others_reorder) and a
benchmark (benchmarks/bench_meeting_pages.py: html.parser costs about a quarter more time than lxml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

from scrapers.models import AgendaItem, DocumentRef, ItemLink, Meeting
from scrapers.moderngov.links import FULL_TEXT_LINK, TOOLBAR_KINDS, attachment_id, link_kind
from scrapers.moderngov.urls import absolute, agenda_item_url, query_param
from transforms.dates import NUMERIC_RE, SINGLE_RE, clean, month_number, safe_date
from transforms.html_text import BLOCK_TAGS, decode_until_stable, normalise_whitespace

PARSER = "html.parser"

ITEM_ANCHOR = re.compile(r"^AI(\d+)$", re.IGNORECASE)
BLOCKS = frozenset(BLOCK_TAGS) | {"td", "th", "caption", "dl", "dt", "dd", "hr"}
HIDDEN_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "button",
        "select",
        "option",
        "input",
        "textarea",
        "template",
        "iframe",
        "object",
        "svg",
    }
)
# Screen-reader text, file sizes, share buttons and "This matters?" ratings: furniture, not item text.
HIDDEN_CLASS = re.compile(r"^(mgHide|mgFileSize|mgSocialShare\w*|mgSocialMenu|mg-ratings\S*|mg-subscription\S*)$")
LABEL_CLASSES = frozenset({"mgSubItemTitleTxt", "mgSubSubTitleTxt"})
TITLE_CLASS = "mgAiTitleTxt"

DOCUMENTS_LABEL = re.compile(r"\b(documents?|papers|attachments?|enclosures?|appendices|reports)$")
MINUTES_LABEL = re.compile(r"^((draft|approved|signed|confirmed)\s+)?minutes?\b")
DECISION_LABEL = re.compile(r"^(decisions?|resolved|resolutions?)\b|\bdecisions?$")
CANCELLED = re.compile(r"\bcancell?ed\b", re.IGNORECASE)
# document names that carry the meeting day: "Agenda frontsheet Tuesday 03-Mar-2026 18.30 …", "Printed minutes 3rd-Mar-2026 …"
STAMP_RE = re.compile(r"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?-(?P<m>[A-Za-z]{3,9})-(?P<y>(?:19|20)\d\d)\b")
TIME_RE = re.compile(r"\b\d{1,2}[:.]\d\d\s*[ap]\.?\s?m\b\.?", re.IGNORECASE)


@dataclass
class PageFacts:
    """What the page alone says about its meeting, and where it said it."""

    meeting_date: date | None = None
    date_source: str | None = None  # heading | title | meeting documents | DC.date
    cancelled_by: str | None = None  # heading | title | meeting documents | page text
    heading: str = ""
    committee_title: str = ""
    meeting_time: str = ""
    no_documents_message: bool = False


@dataclass
class MeetingPageReading:
    meeting: Meeting
    facts: PageFacts
    ignored: list[str] = field(default_factory=list)


def soup_for_tag_soup(markup: str | bytes) -> BeautifulSoup:
    return BeautifulSoup(markup or b"", PARSER)


# ---------------------------------------------------------------------------------------------
# The page as a stream
# ---------------------------------------------------------------------------------------------
@dataclass
class _Ctx:
    hidden: bool  # inside furniture (scripts, buttons, screen-reader text, toolbar links)
    block: int  # id of the nearest block element, for line breaks
    toolbar: bool = False  # the nearest block is a toolbar or papers-list entry (ul.mgActionList/mgBulletList > li)
    papers: bool = False  # inside the product's list of papers (ul.mgBulletList)


class _Stream:
    """The region's nodes in document order, each tag with what it inherits from its ancestors."""

    def __init__(self, region: Tag, page_url: str):
        self.page_url = page_url
        self.nodes: list = list(region.descendants)
        self.index = {id(n): i for i, n in enumerate(self.nodes)}
        self.ctx: dict[int, _Ctx] = {}
        root = _Ctx(False, id(region))
        for node in self.nodes:
            if isinstance(node, Tag):
                parent = self.ctx.get(id(node.parent), root)
                is_block = node.name in BLOCKS
                # A toolbar entry's own inline text is furniture; a block after it (a description that a
                # half-closed toolbar swallowed) is not.
                toolbar = _is_toolbar_entry(node) if is_block else parent.toolbar
                self.ctx[id(node)] = _Ctx(
                    parent.hidden or self._is_furniture(node),
                    id(node) if is_block else parent.block,
                    toolbar,
                    parent.papers or (node.name == "ul" and has_class(node, "mgBulletList")),
                )
        self.root_ctx = root

    def _is_furniture(self, tag: Tag) -> bool:
        if tag.name in HIDDEN_TAGS or any(HIDDEN_CLASS.match(c) for c in tag.get("class") or []):
            return True
        if tag.name == "p" and tag.find("span", class_="mgLabel", recursive=False) is not None:
            return True  # "Venue:", "Contact:", "Meeting:" lines of an agenda-item page
        if tag.name == "a" and tag.get("href"):
            return link_kind(absolute(self.page_url, tag["href"]), anchor_text(tag)) in TOOLBAR_KINDS
        return False

    def ctx_of(self, node) -> _Ctx:
        if isinstance(node, Tag):
            return self.ctx.get(id(node), self.root_ctx)
        return self.ctx.get(id(node.parent), self.root_ctx)

    def end_of(self, tag: Tag) -> int:
        """Index just past the tag's last descendant."""
        last = tag
        while isinstance(last, Tag) and last.contents:
            last = last.contents[-1]
        return self.index.get(id(last), self.index[id(tag)]) + 1


def _is_toolbar_entry(tag: Tag) -> bool:
    """An entry of an item toolbar, or of the product's list of papers (its words are link titles, not text)."""
    return tag.name == "li" and (has_class(tag.parent, "mgActionList") or has_class(tag.parent, "mgBulletList"))


def is_text(node) -> bool:
    return type(node) is NavigableString  # not comments, doctypes or CDATA


def has_class(node, name: str) -> bool:
    return isinstance(node, Tag) and name in (node.get("class") or [])


def is_label(node) -> bool:
    return isinstance(node, Tag) and bool(LABEL_CLASSES & set(node.get("class") or []))


def inline_nodes(tag: Tag) -> list:
    """The tag's own inline content: its descendants, but not those inside a nested block."""
    out, stack = [], list(reversed(tag.contents))
    while stack:
        node = stack.pop()
        if isinstance(node, Tag):
            if node.name in BLOCKS:
                continue
            out.append(node)
            stack.extend(reversed(node.contents))
        else:
            out.append(node)
    return out


def _visible(node, within: Tag | None = None) -> bool:
    """Not screen-reader text, a file size or a script, looking up no further than `within`."""
    for parent in node.parents:
        if parent.name in HIDDEN_TAGS or {"mgHide", "mgFileSize"} & set(parent.get("class") or []):
            return False
        if parent is within:
            break
    return True


def anchor_text(a: Tag) -> str:
    """Link text without screen-reader suffixes and file sizes ("PDF 334 KB")."""
    parts = [str(s) for s in a.find_all(string=True) if is_text(s) and _visible(s, within=a)]
    return decode_until_stable(" ".join(" ".join(parts).split()))


def inline_text(tag: Tag, stream: _Stream | None = None) -> str:
    parts = []
    for n in inline_nodes(tag):
        if is_text(n) and (stream.ctx_of(n).hidden is False if stream else _visible(n, within=tag)):
            parts.append(str(n))
    return decode_until_stable(" ".join("".join(parts).split()))


class _Text:
    """Text gathered in document order; a new block element starts a new line."""

    def __init__(self):
        self.parts: list[str] = []
        self.block: int | None = None

    def add(self, text: str, block: int) -> None:
        if self.block is not None and block != self.block:
            self.parts.append("\n")
        self.block = block
        self.parts.append(re.sub(r"\s+", " ", text))

    def line(self, text: str) -> None:
        self.parts.append("\n" + text + "\n")
        self.block = None

    def newline(self) -> None:
        self.parts.append("\n")

    def cut_here(self) -> None:
        """The page cut the text short here ("…&nbsp;...&nbsp; view the full minutes text"): drop the ellipsis."""
        self.parts = [re.sub(r"[\s\u00a0]*(\.\.\.|\u2026)[\s\u00a0]*$", " ", "".join(self.parts))]

    def value(self, drop_ellipsis: bool = False) -> str:
        text = normalise_whitespace(decode_until_stable("".join(self.parts)))
        return re.sub(r"\s*(\.\.\.|\u2026)\s*$", "", text) if drop_ellipsis else text


# ---------------------------------------------------------------------------------------------
# Items
# ---------------------------------------------------------------------------------------------
def label_meaning(label: str) -> str:
    """documents | minutes | decision | unknown, from a label's words ("Supporting documents:")."""
    words = " ".join(label.lower().replace("\u00a0", " ").split()).strip(" :-\u2013")
    if DOCUMENTS_LABEL.search(words):
        return "documents"
    if MINUTES_LABEL.search(words):
        return "minutes"
    if DECISION_LABEL.search(words):
        return "decision"
    return "unknown"


class _ItemReader:
    """Reads one item's span of the stream: [start, end)."""

    def __init__(self, stream: _Stream, item_id: str):
        self.s = stream
        self.item_id = item_id
        self.texts = {"description": _Text(), "minutes": _Text(), "decision": _Text()}
        self.section = "description"
        self.documents: dict[str, DocumentRef] = {}
        self.links: dict[str, ItemLink] = {}
        self.has_minutes = False
        self.minutes_truncated = False
        self.labelled = False  # a section label has been read
        self.consumed: set[int] = set()

    def read_span(self, start: int, end: int) -> None:
        nodes = self.s.nodes
        for i in range(start, end):
            node = nodes[i]
            if id(node) in self.consumed:
                continue
            if isinstance(node, Tag):
                self._tag(node)
            elif is_text(node):
                ctx = self.s.ctx_of(node)
                if not (ctx.hidden or ctx.toolbar) and self.section != "documents":
                    self.texts[self.section].add(str(node), ctx.block)

    def _tag(self, tag: Tag) -> None:
        if is_label(tag):
            self._label(tag)
        elif tag.name == "br" and self.section != "documents":
            self.texts[self.section].newline()
        elif tag.name == "a" and tag.get("href"):
            self.link(tag, "additional" if self.section == "documents" or self._unlabelled_document_list(tag) else None)

    def _unlabelled_document_list(self, a: Tag) -> bool:
        """The product's own list of an item's papers (ul.mgBulletList) where a template prints no label."""
        return not self.labelled and self.s.ctx_of(a).papers

    def _label(self, tag: Tag) -> None:
        parts = inline_nodes(tag)
        self.consumed.update(id(n) for n in parts)
        label = inline_text(tag, self.s)
        meaning = label_meaning(label)
        self.labelled = True
        if meaning == "unknown":
            # Kept as text under whatever text section it follows; never a list of documents.
            if self.section == "documents":
                self.section = "description"
            if label:
                self.texts[self.section].line(label)
            return
        self.section = meaning
        if meaning == "minutes":
            self.has_minutes = True

    def link(self, a: Tag, document_role: str | None) -> None:
        url = absolute(self.s.page_url, a["href"])
        text = anchor_text(a)
        kind = link_kind(url, text)
        if kind == "document" and document_role:
            self.documents.setdefault(
                url, DocumentRef(url=url, title=text, role=document_role, attachment_id=attachment_id(url))
            )
            return
        if kind == "full_text" or FULL_TEXT_LINK.search(text):
            if query_param(url, "ID") in (self.item_id, None) or FULL_TEXT_LINK.search(text):
                if "minutes" in text.lower() or self.section == "minutes":
                    self.minutes_truncated = True
                if self.section in self.texts:
                    self.texts[self.section].cut_here()
                return
        if kind == "restricted":
            text = _restricted_title(a) or text
        self.links.setdefault(url, ItemLink(url=url, kind=kind, title=text))


def _restricted_title(a: Tag) -> str:
    """`<li>Restricted enclosure 4 <a …>View the reasons why document 2./2 is restricted</a></li>`."""
    before = []
    for sib in a.previous_siblings:
        if isinstance(sib, Tag) and sib.name in BLOCKS:
            break
        before.append(sib.get_text(" ") if isinstance(sib, Tag) else str(sib))
    return " ".join(" ".join(reversed(before)).split())


def _item_title(reader: _ItemReader, title_p: Tag) -> str:
    """The title paragraph: its text (file size dropped) and its link, the item's main report."""
    parts = inline_nodes(title_p)
    reader.consumed.update(id(n) for n in parts)
    for a in [n for n in parts if isinstance(n, Tag) and n.name == "a" and n.get("href")]:
        reader.link(a, "report")
    return inline_text(title_p)


def read_items(region: Tag, page_url: str, base_url: str) -> tuple[list[AgendaItem], list[str]]:
    """Every numbered item in the region, in page order, and what was passed over (heading rows)."""
    stream = _Stream(region, page_url)
    nodes = stream.nodes
    anchors: list[tuple[int, str]] = []
    for i, node in enumerate(nodes):
        if isinstance(node, Tag) and node.name == "a":
            m = ITEM_ANCHOR.match(node.get("name") or node.get("id") or "")
            if m and not (anchors and anchors[-1][1] == m.group(1)):
                anchors.append((i, m.group(1)))
    if not anchors:
        return _read_items_by_title_link(stream, base_url)
    items, ignored, seen = [], [], set()
    for k, (at, item_id) in enumerate(anchors):
        end = anchors[k + 1][0] if k + 1 < len(anchors) else _end_of_last_item(stream, at)
        if item_id in seen:
            continue
        seen.add(item_id)
        item, passed = _read_item(stream, at, end, item_id, page_url, base_url)
        items.append(item)
        ignored.extend(passed)
    return items, ignored


def _read_items_by_title_link(stream: _Stream, base_url: str) -> tuple[list[AgendaItem], list[str]]:
    """Templates without `AI<id>` anchors: an item starts at a title paragraph linking `mgAi.aspx?ID=<id>`."""
    nodes, starts = stream.nodes, []
    for i, node in enumerate(nodes):
        if has_class(node, TITLE_CLASS):
            link = next(
                (
                    n
                    for n in inline_nodes(node)
                    if isinstance(n, Tag)
                    and n.name == "a"
                    and re.search(r"mgai\.aspx", n.get("href") or "", re.IGNORECASE)
                ),
                None,
            )
            item_id = query_param(absolute(stream.page_url, link["href"]), "ID") if link is not None else None
            if item_id and item_id.isdigit() and item_id not in {s[1] for s in starts}:
                starts.append((i, item_id))
    items = []
    for k, (at, item_id) in enumerate(starts):
        end = _row_start(stream, *starts[k + 1][:1], after=at) if k + 1 < len(starts) else _end_of_last_item(stream, at)
        title_p = nodes[at]
        reader = _ItemReader(stream, item_id)
        row = title_p.find_parent("tr")
        cell = row.find(class_="mgItemNumberCell") if row is not None else None
        number = " ".join(cell.get_text(" ").split()) if cell is not None else ""
        title = _item_title(reader, title_p)
        reader.read_span(at + 1, end)
        items.append(_item_of(reader, item_id, number, title, base_url))
    return items, []


def _row_start(stream: _Stream, title_at: int, after: int) -> int:
    """Where the next item's row begins (its number cell comes before its title), if it is in a row."""
    row = stream.nodes[title_at].find_parent("tr")
    at = stream.index.get(id(row)) if row is not None else None
    return at if at is not None and at > after else title_at


def _end_of_last_item(stream: _Stream, at: int) -> int:
    """The items table's end; if a stray `</table>` closed it early, the page footer or the page's end."""
    table = stream.nodes[at].find_parent("table", class_="mgItemTable")
    if table is not None:
        return stream.end_of(table)
    for i in range(at + 1, len(stream.nodes)):
        node = stream.nodes[i]
        if isinstance(node, Tag) and (has_class(node, "mgFooter") or node.name in ("footer", "form")):
            return i
    return len(stream.nodes)


def _read_item(stream: _Stream, at: int, end: int, item_id: str, page_url: str, base_url: str):
    nodes = stream.nodes
    anchor = nodes[at]
    own_p = anchor.find_parent(class_=TITLE_CLASS)
    titles = [
        i
        for i in range(at + 1, end)
        if has_class(nodes[i], TITLE_CLASS) and nodes[i] is not own_p and not _holds_item_anchor(nodes[i])
    ]
    reader = _ItemReader(stream, item_id)
    ignored: list[str] = []
    if titles:
        title_at = titles[0]
        number = _span_text(stream, at + 1, title_at)
        title = _item_title(reader, nodes[title_at])
        body_end = titles[1] if len(titles) > 1 else end
        reader.read_span(title_at + 1, body_end)
        if len(titles) > 1:
            # An unnumbered heading row ("Reports for decision") ends the item; it is not an item itself.
            heading = inline_text(nodes[titles[1]], stream)
            ignored.append(f"heading row without an item anchor: {heading!r} (after item {number or item_id})")
    else:
        # The anchor sits in the title paragraph itself: "<p><a name=AI1></a>3. Title</p>".
        whole = inline_text(own_p, stream) if own_p is not None else ""
        m = re.match(r"^\s*(\d+[A-Za-z]?[.)]?|[A-Za-z][.)])\s+(.*)$", whole)
        number, title = (m.group(1), m.group(2)) if m else ("", whole)
        if own_p is not None:
            reader.consumed.update(id(n) for n in inline_nodes(own_p))
            for a in [n for n in inline_nodes(own_p) if isinstance(n, Tag) and n.name == "a" and n.get("href")]:
                reader.link(a, "report")
        reader.read_span(at + 1, end)
    return _item_of(reader, item_id, number, title, base_url), ignored


def _item_of(reader: _ItemReader, item_id: str, number: str, title: str, base_url: str) -> AgendaItem:
    return AgendaItem(
        url=agenda_item_url(base_url, item_id),
        item_id=item_id,
        number=number,
        title=title,
        description=reader.texts["description"].value(drop_ellipsis=True),
        minutes=reader.texts["minutes"].value(drop_ellipsis=reader.minutes_truncated),
        decision=reader.texts["decision"].value(),
        documents=list(reader.documents.values()),
        minutes_truncated=reader.minutes_truncated,
        links=list(reader.links.values()),
        has_minutes=reader.has_minutes,
    )


def _holds_item_anchor(tag: Tag) -> bool:
    """The number cell's paragraph (`<p class=mgAiTitleTxt><a name=AI…>`) of the next item."""
    return any(
        isinstance(n, Tag) and n.name == "a" and ITEM_ANCHOR.match(n.get("name") or n.get("id") or "")
        for n in inline_nodes(tag)
    )


def _span_text(stream: _Stream, start: int, end: int) -> str:
    parts = [
        str(n)
        for n in stream.nodes[start:end]
        if is_text(n) and not (stream.ctx_of(n).hidden or stream.ctx_of(n).toolbar)
    ]
    return " ".join("".join(parts).split())


def read_sections(region: Tag, page_url: str, item_id: str) -> AgendaItem:
    """A region read as one item's content (the body of `mgAi.aspx?ID=<item_id>`, at page_url)."""
    stream = _Stream(region, page_url)
    reader = _ItemReader(stream, item_id)
    reader.read_span(0, len(stream.nodes))
    item = _item_of(reader, item_id, "", "", page_url)
    item.url = page_url
    return item


# ---------------------------------------------------------------------------------------------
# The meeting: documents, date and status from everything the page says
# ---------------------------------------------------------------------------------------------
def meeting_documents(root: Tag, page_url: str) -> list[DocumentRef]:
    docs: dict[str, DocumentRef] = {}
    for a in root.select(".mgLinks a[href]"):
        url = absolute(page_url, a["href"])
        if link_kind(url) == "document":
            docs.setdefault(url, DocumentRef(url=url, title=anchor_text(a), role="meeting"))
    return list(docs.values())


def last_date(text: str) -> date | None:
    """The last full date in the text: a heading may start "Moved from 13 January, Committee - 27 January 2026"."""
    text = clean(text)
    found: list[tuple[int, date]] = []
    for m in SINGLE_RE.finditer(text):
        if m.group("y"):
            d = safe_date(int(m.group("y")), month_number(m.group("m")), int(m.group("d")))
            if d:
                found.append((m.start(), d))
    for regex in (NUMERIC_RE,):
        for m in regex.finditer(text):
            d = safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if d:
                found.append((m.start(), d))
    for m in STAMP_RE.finditer(text):
        month = month_number(m.group("m"))
        d = safe_date(int(m.group("y")), month, int(m.group("d"))) if month else None
        if d:
            found.append((m.start(), d))
    return max(found)[1] if found else None


def page_facts(soup: BeautifulSoup, root: Tag, documents: list[DocumentRef]) -> PageFacts:
    facts = PageFacts()
    heading_tag = root.select_one("h2.mgSubTitleTxt")
    facts.heading = " ".join(heading_tag.get_text(" ").split()) if heading_tag else ""
    h1 = root.select_one("h1.mgMainTitleTxt")
    h1_text = " ".join(h1.get_text(" ").split()) if h1 else ""
    title_tag = soup.find("title")
    title = " ".join(title_tag.get_text(" ").split()) if title_tag else ""
    dc_date = soup.find("meta", attrs={"name": re.compile(r"^DC\.date$", re.IGNORECASE)})
    names = [f"{d.title} {unquote(urlsplit(d.url).path)}" for d in documents]
    sources = [("heading", facts.heading), ("title", title)] + [("meeting documents", n) for n in names]
    for source, text in sources:
        found = last_date(text) if text else None
        if found:
            facts.meeting_date, facts.date_source = found, source
            break
    if facts.meeting_date is None and dc_date is not None:
        try:
            facts.meeting_date, facts.date_source = (
                date.fromisoformat((dc_date.get("content") or "").strip()[:10]),
                "DC.date",
            )
        except ValueError:
            pass
    for source, text in (
        [("heading", facts.heading), ("heading", h1_text), ("title", title)]
        + [("meeting documents", n) for n in names]
        + [("page text", _notice_text(root))]
    ):
        if text and CANCELLED.search(text):
            facts.cancelled_by = source
            break
    facts.meeting_time = _time_of(facts.heading) or _time_of(title)
    facts.committee_title = _committee_title(heading_tag, facts.heading)
    content = root.select_one(".mgContent") or root
    facts.no_documents_message = bool(re.search(r"no documents are available", content.get_text(" "), re.IGNORECASE))
    return facts


def _notice_text(root: Tag) -> str:
    """Short notices at the top of the content ("This meeting has been cancelled."), not item text."""
    content = root.select_one(".mgContent") or root
    notices = []
    for p in content.find_all(["p", "div"], limit=12):
        if p.find_parent("table") is not None:
            break
        text = " ".join(p.get_text(" ").split())
        if len(text) < 160 and re.search(r"\bmeeting\b.*\bcancell?ed\b|^cancell?ed\b", text, re.IGNORECASE):
            notices.append(text)
    return " ".join(notices)


def _time_of(text: str) -> str:
    m = TIME_RE.search(text or "")
    return m.group(0) if m else ""


def _committee_title(heading_tag: Tag | None, heading: str) -> str:
    link = heading_tag.find("a", href=True) if heading_tag else None
    if link is not None and re.search(r"mgcommitteedetails\.aspx", link["href"], re.IGNORECASE):
        m = re.match(r"^Link to (.+)$", decode_until_stable(link.get("title") or ""))
        if m:
            return m.group(1).strip()
    return heading.rsplit(" - ", 1)[0].strip() if " - " in heading else ""


def read_meeting_page(markup: str | bytes, page_url: str, base_url: str) -> MeetingPageReading:
    """The page alone: its meeting's documents, items, date and status, and what was passed over."""
    soup = soup_for_tag_soup(markup)
    root = soup.select_one("#modgov") or soup
    documents = meeting_documents(root, page_url)
    facts = page_facts(soup, root, documents)
    # The whole page, not the items table: a stray </table> inside an item must not cut off the items after it.
    items, ignored = read_items(root, page_url, base_url)
    meeting = Meeting(
        meeting_id=query_param(page_url, "MId") or query_param(page_url, "MeetingId") or "",
        committee_id=query_param(page_url, "CId"),
        committee_title=facts.committee_title,
        meeting_date=facts.meeting_date,
        meeting_time=facts.meeting_time,
        status="cancelled" if facts.cancelled_by else "confirmed",
        url=page_url,
        items=items,
        documents=documents,
    )
    return MeetingPageReading(meeting, facts, ignored)
