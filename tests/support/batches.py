"""A small council batch (one agenda item and one press release about the same peer review) that warehouse,
search and CLI tests load."""

from datetime import date

from scrapers.models import AgendaItem, Meeting, PressRelease
from transforms.classify import classify
from transforms.reviews import extract_reviews
from warehouse import load as wl

TITLE = "Safeguarding Children Peer Review - Findings"
BODY = (
    "The Panel considered what the safeguarding children peer review had found. The Local Government "
    "Association organised it, and the peers spent a week in the county in April."
)


def batch_with_item_and_press_release() -> wl.CouncilBatch:
    item = AgendaItem(url="http://x/mgAi.aspx?ID=1", item_id="1", number="5.", title=TITLE, minutes=BODY)
    meeting = Meeting("10", "3", "Overview Panel", date(2015, 6, 25), items=[item])
    press = PressRelease(
        url="http://x/news/2015/peer-review",
        title="Peer Review findings published",
        published=date(2015, 6, 18),
        text=BODY,
    )
    batch = wl.CouncilBatch(council="worcs", route="webservice", meetings=[meeting], press_releases=[press])
    for url, kind, title, when, where in [
        (item.url, "agenda_item", TITLE, meeting.meeting_date, "Overview Panel"),
        (press.url, "press_release", press.title, press.published, "press release"),
    ]:
        c = classify(title, BODY)
        batch.analyses.append(
            wl.Analysis(url, kind, title, c, extract_reviews("worcs", c, title, BODY, [], when, where))
        )
    batch.source_errors = {"moderngov": None}
    return batch
