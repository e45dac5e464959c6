"""Score classification and review extraction on the labelled set (`peerwatch evaluate`).

Flagging: precision and recall of "alert under the default scope" and of "is about a review"; the recall of
"alert or worth a look" (a publication that should alert and was at least put in the worth-a-look tier), with the
number of publications in that tier.
Fields: accuracy of each labelled field over the cases that carry that label; every miss listed.
"""

from __future__ import annotations

import html
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from transforms.analysis import Publication
from transforms.classify import classify
from transforms.pdf_text import extract_document
from transforms.reviews import ReviewRecord, extract_reviews

SETS = Path(__file__).with_name("sets")
DEFAULT_SET = SETS / "labelled.toml"


def round_sets() -> list[Path]:
    """The held-out rounds, now regression sets, in round order (found by name, so a new round is one file)."""
    return sorted(SETS.glob("r[0-9][0-9]-*.toml"))


FIELDS = ("review_type", "also_types", "service_area", "stage", "fieldwork", "judgements")


@dataclass
class LabelledPublication:
    """A labelled case made ready to analyse: the publication and its documents' texts (text, layout text)."""

    publication: Publication
    texts: dict[str, tuple[str, str]]

    @property
    def documents(self) -> list[tuple[str, str]]:
        return [self.texts[u] for u in self.publication.doc_urls]


@dataclass
class Report:
    cases: int = 0
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)  # flag/is_review -> tp fp fn tn
    field_hits: dict[str, list[int]] = field(default_factory=dict)  # field -> [right, total]
    misses: list[str] = field(default_factory=list)
    worth_a_look: list[str] = field(default_factory=list)  # ids put in the worth-a-look tier

    def precision(self, key: str) -> float:
        c = self.confusion[key]
        return c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0

    def recall(self, key: str) -> float:
        c = self.confusion[key]
        return c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0

    def accuracy(self, name: str) -> float:
        right, total = self.field_hits.get(name, [0, 0])
        return right / total if total else 1.0


def load_cases(path: Path = DEFAULT_SET) -> list[dict]:
    return tomllib.loads(path.read_text(encoding="utf-8"))["case"]


def _labelled(title: str, body: str, reported: date | None, texts: dict | None = None) -> LabelledPublication:
    texts = texts or {}
    return LabelledPublication(Publication("", "evaluation", title, body, list(texts), reported, "evaluation"), texts)


def publication_for(case: dict) -> LabelledPublication:
    source = case.get("source")
    if not source:
        return _labelled(case["title"], case["body"], case.get("reported"))
    from replica import content, pdfs

    kind, council, key = source.split(":", 2)
    if kind == "replica-news":
        room = next(r for r in content.NEWSROOMS if r.slug == council)
        a = next(x for x in room.articles if x.slug == key)
        body = "\n\n".join([a.published_prose, *a.paragraphs, *("• " + b for b in a.bullets), *a.closing])
        return _labelled(a.title, body, a.published)
    site = next(s for s in content.SITES if s.slug == council)
    meeting, item = next((m, i) for m in site.meetings for i in m.items if i.item_id == int(key))
    docs = {}
    for d in ([item.report] if item.report else []) + item.additional:
        e = extract_document(pdfs.render(d.kind, d.key))
        docs[d.key] = (e.text, e.layout_text)
    title = html.unescape(html.unescape(item.title))
    return _labelled(title, "\n\n".join(filter(None, [item.description, item.minutes])), meeting.when, docs)


def _fieldwork_of(record: ReviewRecord | None) -> tuple:
    fw = record.fieldwork if record else None
    if fw is None:
        return (None, None, "none", "")
    return (fw.start, fw.end, fw.precision, fw.raw)


def _expected_fieldwork(case: dict) -> tuple | None:
    if "fieldwork_precision" not in case:
        return None
    return (
        case.get("fieldwork_start"),
        case.get("fieldwork_end"),
        case["fieldwork_precision"],
        case.get("fieldwork_raw", ""),
    )


def _fieldwork_matches(expected: tuple, got: tuple) -> bool:
    start, end, precision, raw = expected
    g_start, g_end, g_precision, g_raw = got
    if precision != g_precision:
        return False
    if precision == "unresolved":
        return g_raw.startswith(raw)
    return start == g_start and (end is None or end == g_end)


def score_case(case: dict, report: Report) -> None:
    labelled = publication_for(case)
    pub, docs = labelled.publication, labelled.documents
    c = classify(pub.title, pub.body, [d[0] for d in docs], published=pub.reported_date)
    reviews = extract_reviews("eval", c, pub.title, pub.body, docs, pub.reported_date, "evaluation")
    main = reviews[0] if reviews else None
    flagged = c.is_review and c.in_alert_scope
    if c.worth_a_look:
        report.worth_a_look.append(case["id"])
    if "flag" in case:
        _count(report, "look", case["flag"], flagged or c.worth_a_look)
    for key, got in (("flag", flagged), ("is_review", c.is_review)):
        if key not in case:  # a label left out is not scored
            continue
        want = case[key]
        _count(report, key, want, got)
        if want != got:
            report.misses.append(f"{case['id']}: {key} expected {want}, got {got} ({c.rule})")
    actual = {
        "review_type": c.primary_type,
        "also_types": sorted(c.review_types[1:]),
        "service_area": c.service_area,
        "stage": c.stage,
        "fieldwork": _fieldwork_of(main),
        "judgements": {a: g for a, g, _ in (main.judgements if main else [])},
    }
    expected = {
        "review_type": case.get("review_type"),
        "also_types": sorted(case["also_types"]) if "also_types" in case else None,
        "service_area": case.get("service_area"),
        "stage": case.get("stage"),
        "fieldwork": _expected_fieldwork(case),
        "judgements": case.get("judgements"),
    }
    for name in FIELDS:
        want = expected[name]
        if want is None:
            continue
        got = actual[name]
        ok = _fieldwork_matches(want, got) if name == "fieldwork" else want == got
        hits = report.field_hits.setdefault(name, [0, 0])
        hits[0] += int(ok)
        hits[1] += 1
        if not ok:
            report.misses.append(f"{case['id']}: {name} expected {want!r}, got {got!r}")


def _count(report: Report, key: str, want: bool, got: bool) -> None:
    cell = {(True, True): "tp", (False, True): "fp", (True, False): "fn", (False, False): "tn"}[(want, got)]
    report.confusion.setdefault(key, {"tp": 0, "fp": 0, "fn": 0, "tn": 0})[cell] += 1


def evaluate(path: Path = DEFAULT_SET) -> Report:
    report = Report()
    for case in load_cases(path):
        report.cases += 1
        score_case(case, report)
    return report


def format_report(report: Report) -> str:
    lines = [f"PeerWatch evaluation: {report.cases} labelled publications", ""]
    for key, label in (("flag", "alert (default scope)"), ("is_review", "about a review")):
        c = report.confusion[key]
        lines.append(
            f"{label:24} precision {report.precision(key):.2f}  recall {report.recall(key):.2f}  "
            f"(tp {c['tp']}, fp {c['fp']}, fn {c['fn']}, tn {c['tn']})"
        )
    if "look" in report.confusion:
        c = report.confusion["look"]
        lines.append(
            f"{'alert or worth a look':24} recall {report.recall('look'):.2f}  (missed {c['fn']}; "
            f"worth a look: {len(report.worth_a_look)})"
        )
    lines.append("")
    for name in FIELDS:
        right, total = report.field_hits.get(name, [0, 0])
        lines.append(f"{name:24} accuracy {report.accuracy(name):.2f}  ({right}/{total})")
    lines.append("")
    lines.append(f"misses ({len(report.misses)}):" if report.misses else "misses: none")
    lines += [f"  - {m}" for m in report.misses]
    return "\n".join(lines)
