"""The phrases classification reads, as one declarative table (`PHRASES`): each row says what a phrase means
(which review it names, a hard-negative context, a sign that a review happened or is still to come…), the
regular expression that finds it (case-insensitive), the kind of wording it stands for, and a short example in
our own words that the pattern matches (`tests/test_vocabulary_tables.py` checks every example against its row).

`transforms.classify` combines the meanings; nothing here runs. A new phrase is one row here and one test.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Phrase(NamedTuple):
    meaning: str  # what the words tell us ("type:jtai", "generic", "happened", …)
    pattern: str  # a regular expression (case-insensitive)
    why: str  # the kind of wording it stands for
    example: str  # a short sentence in our own words that the pattern matches (tests/test_vocabulary_tables.py)


# One grade vocabulary for deciding and for extracting: "Requires improvement to be good", "RI", "require improvement"…
GRADE_RE = re.compile(
    r"requir(?:es|ed|ing|e) improvement(?: to be good)?|\bRI\b|\boutstanding\b|\bgood\b|\binadequate\b", re.I
)
_GRADE = r"(?:outstanding|good|inadequate|requir\w* improvement(?: to be good)?|RI|adequate)"
_RATED = r"\b(?:rated|rating|ratings|judged|judge?ments?|graded|grading|ranked|awarded|branded|deemed|verdict)\b"
SEND_WORDS = r"(?:\bSEND\b|special educational needs(?: and(?:/or)? disabilit(?:y|ies))?)"
_INSPECT = r"(?:re-?inspection|inspection|re-?visit)"
_NOT_PEER = r"(?:(?!peer|improvement board|budget)[^.;:\n])"

PHRASES: list[Phrase] = [
    # -- which review a sentence names -------------------------------------------------------------------------
    Phrase(
        "type:lga_corporate_peer_challenge",
        r"corporate peer challenge|\bCPC\b",
        "the LGA's corporate peer challenge",
        "The corporate peer challenge team spent four days with the council in March.",
    ),
    Phrase(
        "type:ofsted_ilacs",
        r"\bILACS\b|\bILASC\b|inspection of local authority children'?s services",
        "ILACS by name",
        "The ILACS inspection of Hollowmere's children's services took place in May.",
    ),
    Phrase(
        "type:ofsted_ilacs",
        r"impact of leaders on social work practice|experiences and progress of children (?:who need help|in care)",
        "ILACS by its judgement areas (no other regime has them)",
        "The impact of leaders on social work practice was judged good.",
    ),
    Phrase(
        "type:ofsted_sif",
        r"single inspection framework|\bSIF\b|\bsingle inspection\b",
        "the single inspection framework (2013-2018) by name",
        "Under the single inspection framework the service was judged to require improvement.",
    ),
    Phrase(
        "type:ofsted_sif",
        r"inspect(?:ion of|ed) services for children in need of help|"
        r"inspection of children in need of help and protection|children in need of help and protection,? children looked after",
        "the SIF by its long title",
        "Members received the report of the inspection of services for children in need of help and protection.",
    ),
    Phrase(
        "type:ofsted_sif",
        r"inspect\w*[^.]{0,60}safeguarding and looked[- ]after children|"
        r"(?:rated|judged|rating)[^.]{0,60}safeguarding and looked[- ]after children|"
        r"unannounced (?:inspection|visit)s? of contact,? (?:referral|assessment)",
        "pre-2013 regimes (safeguarding and looked after children; contact, referral and assessment): typed as their successor, the SIF",
        "Ofsted inspected safeguarding and looked after children services in the borough in 2011.",
    ),
    Phrase(
        "type:ofsted_focused_visit",
        r"focus+ed visit",
        "an ILACS focused visit",
        "Ofsted carried out a focused visit to the front door service in February.",
    ),
    Phrase(
        "type:ofsted_monitoring_visit",
        r"monitoring visit",
        "a monitoring visit (Ofsted context checked separately)",
        "Inspectors found steady progress at their third monitoring visit in October.",
    ),
    Phrase(
        "type:ofsted_monitoring_visit",
        r"\bOfsted\W{1,3}MV ?\d{0,2}\b|"
        r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|\d+(?:st|nd|rd|th))\s+MV\b",
        "terse minutes' abbreviation ('Ofsted MV6', 'Fourth MV')",
        "Ofsted MV4 letter received and circulated to members.",
    ),
    Phrase(
        "type:ofsted_focused_visit",
        r"\bOfsted\W{1,3}FV ?\d{0,2}\b",
        "terse minutes' abbreviation ('Ofsted FV')",
        "Ofsted FV feedback shared with the leadership team.",
    ),
    Phrase(
        "type:jtai",
        r"joint targeted (?:area )?(?:child protection )?inspection|\bJTAI\b",
        "a joint targeted area inspection",
        "The joint targeted area inspection looked at the response to children at risk of exploitation.",
    ),
    Phrase(
        "type:jtai",
        r"\bjoint (?:area )?inspection of (?:the )?(?:multi-?agency|partnership|partners'?) (?:response|arrangements)\b",
        "a JTAI told in plain words: the inspectorates jointly inspecting the multi-agency response",
        "Inspectors carried out a joint inspection of the multi-agency response to domestic abuse.",
    ),
    Phrase(
        "type:jtai",
        r"\b(?:four|five) inspectorates\b|\bjointly inspect(?:ed|ing) (?:how )?(?:the )?(?:partners|agencies|multi-?agency)\b",
        "a JTAI told by its four inspectorates, or as partners 'jointly inspected'",
        "Four inspectorates carried out their joint visit to the borough in March.",
    ),
    Phrase(
        "type:send_area_inspection",
        r"(?:local )?area SEND inspection|joint local area (?:SEND|special educational needs)[^.]{0,40}inspection|"
        r"SEND[^.]{0,40}revisit|revisit[^.]{0,60}(?:SEND|local area)",
        "area SEND inspections and revisits by name",
        "The local area SEND inspection took place over three weeks in January.",
    ),
    Phrase(
        "type:send_area_inspection",
        rf"{SEND_WORDS}{_NOT_PEER}{{0,60}}?\b{_INSPECT}|\b{_INSPECT}\w*\b{_NOT_PEER}{{0,45}}?{SEND_WORDS}",
        "SEND and an inspection named together, either order ('SEND Ofsted local area inspection', 'inspection of SEND')",
        "The inspection of SEND arrangements in the borough was carried out in May.",
    ),
    Phrase(
        "type:send_area_inspection",
        r"joint (?:Ofsted and CQC )?inspection of (?:the |[A-Z][\w']+ )?local area|"
        r"\binspect(?:ion|ed) (?:of )?(?:the |[A-Z][\w']+ )?local area\b|"
        r"local area (?:partnership )?(?:SEND )?(?:re-?inspection|inspection|revisit)",
        "the local area inspected (only SEND inspections inspect a 'local area')",
        "The joint inspection of the local area was published last week.",
    ),
    Phrase(
        "type:send_area_inspection",
        rf"\b(?:Ofsted|inspectors)\b[^.]{{0,20}}\b(?:and|with) (?:the )?(?:CQC|Care Quality Commission)\b"
        rf"[^.]{{0,160}}?(?:{SEND_WORDS}|written statement of action|\bWSOA\b|revisit)|\b(?:lead|leads|led|leading) to (?:inconsistent|positive) experiences "
        rf"and outcomes\b|\bwidespread (?:and/or |and |or )?systemic failings\b",
        "the two inspectorates looking at SEND together, or an outcome only the 2023 area SEND framework gives",
        "Ofsted and the CQC visited to see how the area supports children with special educational needs.",
    ),
    Phrase(
        "type:peer_review",
        r"peer[- ](?:review(?!ed)|challenge)",
        "a peer review or challenge (not 'peer-reviewed research')",
        "The council's peer review of adult social care took place in June.",
    ),
    # -- a sentence that is never evidence ----------------------------------------------------------------------
    Phrase(
        "negative",
        r"peer[- ]on[- ]peer|peer support|peer mentor|member peers?\b|section [58]\b|\bS[58]\b|"
        r"children'?s homes?|supported accommodation|regulation 44|inspection readiness|self[- ]evaluation|self[- ]assessment|"
        r"independent review of children'?s social care|polling district|budget review|\bacademy\b|"
        r"prepar(?:ing|ation|e) for (?:the )?(?:new |next |an? |any |possible |full )*(?:ILACS|inspection|Ofsted|local area|SEND|JTAI)|mock inspection",
        "peer support, schools' and homes' inspections, self-assessment, preparation for an inspection",
        "The self-assessment was refreshed before the annual conversation with Ofsted.",
    ),
    Phrase(
        "negative",
        r"\bsources? of assurance\b|\bassurance (?:framework|map)\b",
        "a review listed among a governance statement's sources of assurance",
        "The peer challenge is listed among the council's sources of assurance for the year.",
    ),
    Phrase(
        "elsewhere",
        r"\bneighbouring (?-i:[A-Z])[\w'-]+|\bour neighbours\b|"
        r"\b(?:colleagues|friends) (?:at|in) (?-i:[A-Z])(?!fsted|GA\b)[\w'-]+|"
        r"\b(?:joins|joined|joining|comes|came|moves|moved) (?:us |to us )?from (?-i:[A-Z])[\w'-]+|"
        r"\baround the region\s*[:–-]|\bregional (?:news|round-?up)\b|\bnews from (?:around|across)\b",
        "another council's review told in a partnership newsletter ('neighbouring Dunmore', 'colleagues at "
        "Brackenfield', 'news from around the region') or a new director's previous council ('joins from "
        "Eastham, where …'): not the publisher's, unless the sentence also names our own",
        "Colleagues at Hollowmere were praised by Ofsted last month.",
    ),
    Phrase(
        "own_service",
        r"\b(?:our|the council'?s|the authority'?s)\s+(?:own\s+)?(?:[\w']+\s+){0,3}?services?\b",
        "the publisher's own service named beside a neighbour's",
        "Our own children's services were not part of the visit.",
    ),
    Phrase(
        "school",
        r"\bschools?\b|\bnurser(?:y|ies)\b|\bpupil referral\b|special measures|short inspection|\bS8\b",
        "a school or nursery: negative unless the sentence names a council-level review",
        "Ofsted rated Larkfield Primary School good in its latest visit.",
    ),
    Phrase(
        "school_send",
        rf"\b(?:pupils|students|learners)\s+with\s+{SEND_WORDS}|\bspecial schools?\b",
        "a school's pupils with SEND, not the local area's SEND arrangements: blanked before a sentence beside a "
        "school is asked whether it names a council-level review",
        "The special school teaches pupils with SEND from across the county.",
    ),
    # -- publications that are never one English council's review ---------------------------------------------
    Phrase(
        "doc:welsh",
        r"Care Inspectorate Wales|\bCIW\b|\bEstyn\b",
        "Welsh inspectorates (PeerWatch covers English councils)",
        "Care Inspectorate Wales inspection of children's services",
    ),
    Phrase(
        "doc:other_body",
        r"\bHM Inspectorate of Probation\b|\bHMI ?Probation\b|\bHMIP\b|youth offending|youth justice|\bCQC\b[^.]{0,80}adult social care|"
        r"adult social care[^.]{0,80}\bCQC\b|Care Quality Commission[^.]{0,60}(?:adult|Care Act)|Care Act",
        "probation and youth justice; CQC's adult social care assessments",
        "HM Inspectorate of Probation report on youth justice services",
    ),
    Phrase(
        "doc:recruitment",
        r"\binformation (?:evening|event|session|day)\b|\bopen (?:day|evening)\b|"
        r"\bfoster(?:ing)? (?:with|for) us\b",
        "an event inviting people to foster or adopt",
        "Fostering information evening at the civic centre",
    ),
    Phrase(
        "doc:recruitment",
        r"recruit|\bcareers?\b|\bjob (?:opportunit|vacanc|advert|ads?\b)|\bjobs (?:board|fair|page)|vacanc|seeks? social workers|working as a social worker|"
        r"\bjoin (?:our|a|us)\b|\bapply (?:now|today)\b",
        "recruitment copy quoting a grade",
        "Apply now: social work careers in the borough",
    ),
    Phrase(
        "doc:budget",
        r"budget monitoring|revenue budget|\bfinance\b|financial monitoring|"
        r"medium[- ]term financial (?:strategy|plan)|\bMTFS\b|\bcapital (?:programme|strategy)\b|"
        r"treasury management|\bbudget (?:setting|proposals|report|book|consultation)\b",
        "budget monitoring and financial strategies that name Ofsted (a grade recalled as a risk or priority)",
        "Revenue budget monitoring report, quarter two",
    ),
    Phrase(
        "doc:regulated",
        r"\badoption (?:service|agency|unit|inspection)|\bfostering (?:service|agency)|children'?s homes?|"
        r"\bnurser(?:y|ies)\b|\bschools?\b",
        "inspections of regulated services and schools named in the title",
        "Ofsted inspection of the council's adoption service",
    ),
    Phrase(
        "doc:explainer",
        r"^what (?:is|are|happens)\b|^\d+ point briefing|\bguidance\b|\bconsultation (?:on|launched)\b|"
        r"\blaunch(?:es|ed)? (?:a |the |its )?new (?:[\w-]+ )?(?:framework|inspections?|programme|regime)\b|"
        r"\bthe role of\b|\bthe impact of (?!leaders)|^the impact of\b|^blog\b|(?:ILACS|SIF|JTAI|SEND|inspection) framework\s*$|"
        # a programme of reviews or of meetings, not a council's own improvement programme
        r"\b(?:peer (?:review|challenge|support)s?|challenges?|reviews?|inspections?|visits?|work|"
        r"support|sector[- ]led improvement|development|training) programme$",
        "a title that explains or announces a kind of review rather than reporting one",
        "What is a joint targeted area inspection?",
    ),
    # -- a sentence about reviews in general, not one that happened here -----------------------------------------
    Phrase(
        "generic",
        r"\bwhat (?:is|are|happens)\b|\byour\b|\bwe (?:offer|provide|carry out)\b|\boffers? you\b|"
        r"\b(?:all|every|each|any other) (?:English )?(?:councils?|local authorit(?:y|ies)|authorit(?:y|ies)|"
        r"CPC|corporate peer challenge|inspection|JTAI|local areas?|set)\b|"
        r"\ball (?:corporate )?peer challenges\b|"
        r"\b(?:JTAIs|CPCs|ILACS inspections|(?:local )?area SEND inspections|joint targeted (?:area )?inspections|focused visits|"
        r"monitoring visits|revisits)\b|"
        r"\b(?:peer challenges|peer reviews)\b|\b(?:local authorities|councils) (?:who|that|which)\b|"
        r"\bfollowing an? (?:corporate peer challenge|CPC|peer challenge|inspection)\b"
        r"(?! of (?:its|their|our)\b| (?:in|on|from|between|last|this|earlier) )|"
        r"\b(?:the|this) (?:study|article|research|abstract)\b|\bguidance\b|\bconsultation\b|"
        r"\bcan (?:take place|be)\b|\bpiloted\b|\bwill be introduced\b|\bis expected that\b|"
        r"\bannual engagement\b|\b(?:new )?(?:inspection )?(?:framework|regime) (?:which|that|will|comes)\b|"
        r"\ba (?:council|local authority) (?:is|that|which|has)\b|\bif (?:the|a|your) |"
        # "a council's services are inspected …", but not the press's "A council's children's services
        # have been downgraded to 'inadequate'" (one council, unnamed in the lead)
        r"\ba council'?s\b(?![^.]{0,60}\b(?:have|has) been (?:rated|judged|graded|downgraded|upgraded|found|branded)\b)|"
        r"\bcouncils (?:are|will|must|should|can|have been)\b|\bto date\b|\bacross all (?:services|councils|local authorities|settings)\b|"
        r"\binspections (?:are|will|can|look|examine|of local authorit|in (?:England|all))\b|"
        r"\b(?:new|these|such|all|joint) inspections\b|\binspections regime\b|\binspections across\b|"
        r"\bprogramme of (?:revisits|inspections|visits|peer challenges|peer reviews|reviews)\b|"
        r"\b\d+ (?:reviews|inspections|councils|local authorities)\b|\bhave been conducting\b|"
        r"\bacross (?:the country|England)\b|\b(?:ten|\d+) (?:good|outstanding|inadequate) (?:authorities|councils)\b",
        "reviews in general: plurals, 'every council', 'your', offers, research, frameworks being introduced",
        "Every council is inspected under the framework at least once every three years.",
    ),
    Phrase(
        "generic",
        r"\b(?:target|aim|ambition|goal|measure|objective)s?\s*:|\bgood or better\b|"
        r"\bat (?:the|our|its|their) next (?:\w+ )?inspection\b|"
        r"\b(?:explains?|explaining|describes) (?:what|how)\b|\bOfsted'?s annual report\b|\bthe chief inspector\b|\bmore (?:local authorities|councils) than ever\b",
        "Ofsted's national annual report and the chief inspector's view of the whole country",
        "Ofsted's annual report sets out the picture across England.",
    ),
    Phrase(
        "generic",
        r"\bwe (?:examine|estimate|analyse|analyze|investigate|explore|test|model)\b|"
        r"\b\d+ (?:English|Welsh|UK|shire|metropolitan|London) (?:local authorities|councils|authorities)\b",
        "research about many councils ('we examine whether …', '152 English local authorities')",
        "We examine how 150 English local authorities responded to being inspected.",
    ),
    Phrase(
        "one_council_outcome",
        r"(?:council|authority|borough)'?s (?:[\w']+ ){0,4}services?\b[^.]{0,60}\b(?:rated|judged|ranked|found|graded|awarded)|"
        r"\b(?:rated|judged|ranked) (?:[A-Z]\w+ ){1,4}(?:County |City |Borough )?Council\b|"
        r"\b(?:the|our|its) (?:council'?s |authority'?s )?children'?s (?:social care )?services (?:were|was|have been|has been)",
        "one council's services given an outcome (national statistics do not say this)",
        "The council's children's services were rated good in every area.",
    ),
    Phrase(
        "stats",
        r"\d+(?:\.\d+)? ?(?:%|per ?cent)|\b(?:one|two|three|seven)[- ](?:in|out[- ]of)[- ](?:five|four|ten)\b|"
        r"\b(?:three-quarters|a quarter of|a third of|nearly half|just under half|half of)\b|"
        r"\b\d+ (?:councils|local authorities|authorities|reviews|inspections|local areas|services)\b|"
        r"\b(?:councils|local authorities|authorities) (?:were|have been) (?:rated|judged|graded|assessed)",
        "national statistics: shares and counts of councils",
        "Around 60 per cent of councils are now rated good or better.",
    ),
    # -- what the text says happened ---------------------------------------------------------------------------
    Phrase(
        "happened",
        r"\btook place\b|\b(?:was|were|been|had been|has been|have been) (?:\w+ )?(?:carried out|undertaken|conducted|completed|held|inspected)\b|"
        r"\b(?:inspectors?|inspection team|the team|peer team|review team|peers|ofsted|inspectorate|the (?:peer )?(?:review|challenge))"
        r"(?:'s)? (?:\w+ )?(?:visited|inspected|spent|found|judged|rated|concluded|noted|highlighted|identified|praised|recognised|"
        r"commended|awarded|ranked|handed|gave|described|said|reported|returned|felt)\b|"
        r"\breceived (?:the|a|its|their|an|written)\b[^.]{0,60}\b(?:report|feedback|letter|findings|outcome|judge?ment|rating)|"
        r"\b(?:outcomes?|findings|feedback|results?|letter|recommendations)\b (?:of|from|on|following|into) (?:the|our|its|their|this|a recent|recent)\b|"
        r"\breport (?:of|on|into|from) the (?:[\w'()-]+ ){0,10}(?:inspection|review|challenge|visit|JTAI|ILACS|inspectors|peer)|"
        r"\b(?:considered|received|noted|presented|discussed|welcomed) (?:a |the |an )?(?:verbal )?(?:report|presentation|letter|update|feedback)"
        r"[^.]{0,80}\b(?:inspection|review|challenge|visit|ILACS|JTAI)|"
        r"\b(?:rated|judged|graded|ranked|deemed|found to be|assessed as) (?:(?:them|it|us|the services?|our services?) )?"
        r"(?:as |to be )?['\"‘“]?(?:outstanding|good|inadequate|requir\w* improvement|adequate)\b|"
        r"\b(?:identified|found|raised|highlighted|made|set out|recommended) by (?:Ofsted|inspectors|the (?:peer )?team|peers|the inspectorate)\b|"
        r"\b(?:overall effectiveness|impact of leaders|help and protection|children in care|care leavers)[^.]{0,20}[:\-–|\t]\s*(?:requires? improvement|good|outstanding|inadequate)|"
        # a table row flattened to spaces: the area, then its grade capitalised as a cell
        r"\b(?:overall effectiveness|impact of leaders|help and protection|children in care|care leavers)(?:\s+and families)?\s+"
        r"(?-i:(?:Requires? [Ii]mprovement|Good|Outstanding|Inadequate))\b|"
        r"\bcarried out (?:the|a|an|its|their)\b|\breport received\b|\b(?:were|was) with (?:us|our|the)\b|"
        r"\b(?:the|our|its) (?:[\w'()-]+ ){0,3}(?:inspection|JTAI|review|challenge|visit) (?:undertaken|carried out|conducted|held)\b|"
        r"\b(?:has|have|had) (?:\w+ )?(?:ranked|rated|judged|awarded|found|identified|praised)\b|"
        r"\b(?:inspection|visit|review|challenge|report|letter)\b[^.]{0,40}\b(?:found|identified|judged|rated|ranked|concluded|highlighted|praised|recognised)\b|"
        r"\b(?:identified|found|raised|highlighted|made) (?:in|by|during) (?:an?|the|its|their) (?:[\w'()-]+ ){0,3}(?:inspection|visit|review|challenge|report|letter)|"
        r"\bfollowing the publication\b|\breceived a rating\b|"
        r"\b(?:agreed|submitted|produced|drawn up|developed|published|prepared) (?:after|following|in response to) (?:the|its|our|their)\b|"
        r"\baccelerated (?:progress|action) plan\b|\bpost[- ]inspection\b|"
        r"\b(?:team|inspectors|peers)\b[^.]{0,100}\b(?:visited|found|spent|met with|spoke to|interviewed|concluded|identified|highlighted|praised)\b|"
        r"\bvisited (?:in|on|during|from|between|over)\b|"
        r"\b(?:hosted|underwent|received|completed) (?:an? |the |its |their )?(?:[\w'-]+ ){0,3}(?:peer|inspection|review|challenge|visit)|"
        r"\b(?:report|letter|team|review|inspection)(?:'s)? (?:made|set out|included|contained|listed) (?:\w+ ){0,2}(?:recommendations|findings|areas|strengths)|"
        r"\b(?:recent|latest|last month'?s?|most recent)\b (?:[\w'()-]+ ){0,10}(?:inspection|visit|review|challenge)|"
        r"\b(?:is|was|has been|were) (?:now )?published\b|\bpublished (?:on|today|in|last)\b|"
        r"\b(?:was|were|been|is|are|being) (?:rated|judged|graded|ranked|found|assessed)\b|\bresult(?:ed|ing) in\b|"
        r"\bsince the (?:\w+ ){0,3}(?:inspection|visit|review|challenge|ILACS)|\bfollowing (?:the|their|its|our) (?:\w+ ){0,4}(?:inspection|visit|review|challenge)|"
        r"\b(?:action|improvement|implementation) plan\b|\bstatement of action\b|\bin response to the\b|\bembargoed\b|"
        r"\b(?:under|undergone|undertook|underwent)\b (?:an? |the )?(?:\w+ )?(?:inspection|review|challenge)|"
        r"\bretained\b|\bupgraded\b|\bdowngraded\b|\bwe received\b|\breceived (?:written|verbal)|"
        rf"\b(?:outcome|overall judge?ment|overall grade|rating|result)\s*:\s*['\"‘“]?{_GRADE}\b|"
        r"\b(?:letter|report|feedback) rec'?d\b|\b(?:letter|report) published\s+(?:on\s+)?\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3}|"
        r"\b(?:MV|FV|visit|inspection|JTAI)\s+held\s+(?:on\s+)?\d|"
        r"\b(?:report|letter|findings|outcome)\b[^.!?]{0,20}\b(?:is|are) (?:now )?out\b|"
        r"\b(?:Ofsted|inspectors)\s+and\s+(?:the\s+)?(?:CQC|Care Quality Commission)\s+(?:\w+\s+)?"
        r"(?:found|judged|concluded|said|reported|visited|identified|highlighted|inspected)\b|"
        r"\b(?:had|has|have) (?:jointly )?inspected\b|\bOfsted (?:says|said|has said)\b|\bafter inspecting\b|"
        rf"\b(?:outcome|judge?ment|grade|rating|result)\b(?:\s*\([^)]{{0,40}}\))?\s*:\s*"
        rf"(?:[\w' ]{{0,40}}?\s[-–:]\s*)?['\"‘“]?{_GRADE}\b",
        "a specific review that has happened: past events, reports received, plans answering it",
        "The inspection took place over two weeks in November.",
    ),
    Phrase(
        "happened",
        rf"\b(?:(?:has|have|had)\s+(?:now\s+)?)?(?:moved|climbed|risen|rose|jumped|improved|went|gone|slipped|dropped|fell|fallen)\s+"
        rf"(?:up\s+|down\s+|back\s+)?(?:from\s+['\"‘“]?{_GRADE}['\"’”]?\s+)?to\s+['\"‘“]?{_GRADE}\b|"
        rf"\b(?:was|were|been)\s+branded\s+['\"‘“]?{_GRADE}\b|"
        rf"\b(?:was|were|been)\s+(?:given|awarded|handed)\s+(?:an?\s+|the\s+|its\s+)?['\"‘“]?{_GRADE}['\"’”]?\s+"
        rf"(?:rating|grade|judge?ment)\b",
        "a grade told as a move that has happened ('have moved up to requires improvement to be good', 'went from "
        "inadequate to good') or a "
        "grade the press says a service was 'branded'",
        "Children's services have moved up from requires improvement to good.",
    ),
    Phrase(
        "happened",
        r"\b(?:report|letter|inspectors|they|findings)\b[^.]{0,40}\b(?:concludes?|finds|says|states|describes|"
        r"recognises|highlights)\b|\b(?:was|were) on ?site\b|\b(?:inspection|visit|review|challenge|JTAI|ILACS)\b[^.;]{0,30}"
        r"\b(?:held|carried out|conducted|undertaken) (?:from|between|on|over|during) (?:\d|the |[A-Z])|\bgiven (?:the|a|its) (?:top|highest|lowest) "
        r"(?:grade|rating|judge?ment)\b|\bwatchdog\b (?:\w+ )?(?:rated|judged|graded|found|concluded|said)\b|"
        r"\b(?:Ofsted|inspectors|CQC|peer team|peers)\b[^.]{0,30}\b(?:returned|came back|revisited)\b|"
        r"\b(?:team|peers|directors|inspectors)\b[^.]{0,60}\breviewed (?:the|our|its|their)\b|"
        r"\b(?:findings|feedback|letter|report) (?:was|were) (?:presented|shared|given|received)\b",
        "the present tense of a report ('the report concludes', 'they say'), a team that was on site, a review held on "
        "its dates, the top grade given, what 'the watchdog' found, inspectors who returned, a team that reviewed the "
        "council's work, findings presented",
        "The report concludes that leaders know their services well.",
    ),
    Phrase(
        "future",
        r"\bwill (?:be )?(?:take place|visiting|visit|inspected|on site|undertaken|carrying out|leading|starts?|conduct)|"
        r"\bwould (?:be undergoing|take place|be undertaken)|\bis due to (?:take place|visit)|\bforthcoming\b|\bupcoming\b|"
        r"\bhas been commissioned\b|\bahead of the\b|\bto undertake\b|\b(?:has been |have )invited\b|\bstarts on\b|"
        r"\bcommencing\b|\brescheduled\b|\bwill take place\b|\bprior to the (?:review|challenge|inspection) commencing\b|"
        r"\bapprov\w+ (?:to|the request to) (?:undertake|have)\b|\bwill be (?:leading|carrying out)\b|\binspection starts\b|"
        r"\b(?:is|are) (?:currently )?(?:undertaking|carrying out|conducting|on site)\b|\bis being inspected\b|\bunder ?way\b",
        "a review still to come",
        "Inspectors will be on site from Monday.",
    ),
    Phrase(
        "future",
        r"\b(?:has|have) invited\b[^.]{0,40}\bto (?:carry out|undertake|conduct|lead)\b|"
        r"\b(?:is|are) (?:with|in) (?:the |us|our |its )[^.]{0,60}\bthis week\b|\bthis week for (?:the|its|our|their) (?:[\w-]+ ){0,3}(?:inspection|visit|review|challenge)\b|"
        r"\bnotified\b[^.]{0,60}?\bof an? (?:[\w-]+ ){0,3}(?:inspection|visit|JTAI|peer challenge|peer review)\b|"
        r"\bwill (?:begin|commence|start|carry out)\b|\bstarting on\b|\bahead of (?:their|its|our|the) "
        r"(?:visit|challenge|review|inspection|on-?site)\b|\bwill be (?:in|with|at) (?:the |our |its )?(?:borough|county|city|district|council|authority|area)\b|\bwill be with us\b|"
        r"\b(?:agreed|volunteered|arranged|decided|chosen|asked) to (?:host|receive|take part in|undergo)\b|"
        r"\barrived\b[^.]{0,40}\bto (?:begin|start|inspect|carry out|undertake)\b|\bwill last\b|\b(?:is|are|has been|have been) (?:now )?booked (?:for|in)\b",
        "a council that has agreed to host a review, inspectors who arrived to begin one: still to come or under way",
        "The council has agreed to host a peer challenge in the spring.",
    ),
    Phrase(
        "report_title",
        r"(?-i:\b(?:Outstanding|Good|Inadequate|Requires? Improvement)\b)",
        "a headline that gives the grade ('Ofsted: Children's Services Outstanding')",
        "Ofsted: Children's Services Judged Good",
    ),
    Phrase(
        "report_title",
        r"\b(?:feedback|outcomes?|report|letter|findings|action plan|improvement plan|update|progress|response|"
        r"results?|recommendations|statement of action|rated|judged|praises?|verdict)\b",
        "a title that reports a review rather than naming a kind of review",
        "Hollowmere peer challenge 2024: what the team found and our response",
    ),
    # -- who ran a peer review ------------------------------------------------------------------------------------
    Phrase(
        "run_by:lga",
        r"\bLGA\b|Local Government Association|Planning Advisory Service|safeguarding children peer review|"
        r"challenge manager|Local Government (?:Improvement and Development|Group)|\bIDeA\b|"
        r"Improvement and Development Agency|Local Government (?:[A-Z]\w+ ){0,3}Peer (?:Review|Challenge)",
        "the LGA, its safeguarding children peer review and challenge managers, and its earlier names",
        "The challenge was arranged through the Local Government Association.",
    ),
    Phrase(
        "run_by:regional",
        r"(?:regional )?improvement alliance|regional improvement|sector[- ]led|regional peer|SESLIP|peer challenge team review|triad|\bADASS\b|"
        r"Association of Directors of Adult",
        "regional and ADASS peer schemes (other_peer_review)",
        "The regional improvement alliance organised the peer review.",
    ),
    # -- words an outcome in plain words is made of ----------------------------------------------------------------
    Phrase(
        "word:ofsted",
        r"\bOfsted\b|\binspectors?\b|\binspectorate\b|\bHMI\b",
        "Ofsted or its inspectors",
        "Ofsted published its letter on Tuesday.",
    ),
    Phrase(
        "word:ofsted",
        r"\b(?:education|schools?|children'?s services|social care) watchdog\b",
        "Ofsted as the press names it ('the education watchdog')",
        "The education watchdog has praised the council's social workers.",
    ),
    Phrase(
        "word:ofsted",
        r"\bthe (?:watchdog|regulator)\b(?!\s+(?:of|for)\b)",
        "'the watchdog' or 'the regulator' unqualified, in a story about children's services, is Ofsted ('the health "
        "watchdog' and 'the Regulator of Social Housing' are not, and children's services are still needed beside it)",
        "The watchdog said leaders had acted quickly.",
    ),
    Phrase(
        "word:childrens_services",
        r"children'?s (?:social care |social work )?services?|children and famil(?:y|ies)'?s? services?|"
        r"famil(?:y|ies) and children'?s? services?|children,? (?:and )?young people'?s? (?:and famil(?:y|ies)'?s? )?services?|"
        r"children'?s social (?:care|work)|services for (?:vulnerable )?children|(?:safeguarding|child protection) (?:children'?s? )?services|"
        r"(?:arrangements|services) for (?:the )?(?:protection of |protecting )?children|arrangements for protecting children|"
        r"looked[- ]after children'?s? services|director of children'?s services|\bDCS\b|overall effectiveness|"
        r"children in need of help and protection|children'?s services department|services for looked[- ]after children|"
        r"(?:rating|rated|judged)[^.]{0,30}\bfor safeguarding\b|\bcare leavers\b|\bcorporate parenting\b|"
        r"\bchildren in care\b|(?-i:\bCiC\b)|\bH&P\b",
        "a council's children's services, in the many names councils give them (care leavers and corporate "
        "parenting are the council's own duties; their regulated accommodation is a hard negative)",
        "Children's social care services in the county were reviewed.",
    ),
    Phrase(
        "word:grade_given",
        rf"\b(?:rated|judged|graded|ranked|deemed|found to be|assessed as|retained|achieved|awarded|received|was|were|"
        rf"judge?ment of|rating of|grade of|grading of|outcome was|remains?)\s+(?:as\s+|to be\s+|an?\s+|its\s+|the\s+)?"
        rf"(?:overall\s+)?['\"‘“]?{_GRADE}\b|"
        rf"['\"‘“]{_GRADE}['\"’”]|\b{_GRADE}['\"’”]?\s+(?:Ofsted\s+)?(?:rating|judge?ment|grade|overall|in all)\b|"
        rf"(?-i:\b(?:Outstanding|Good|Inadequate|Requires? Improvement)\b)|(?-i:\bRI\b)|"
        rf"\b(?:upgraded|downgraded|improved|moved|raised|lifted|risen|rose|dropped|fell|went) (?:[\w']+ ){{0,4}}?(?:to|from) ['\"‘“]?{_GRADE}\b|"
        rf"\bto be ['\"‘“]?{_GRADE}\b|\b(?:is|are) (?:now |still |again )?['\"‘“]?{_GRADE}\b(?!\s+(?:practice|progress|news|work|quality|example|at|for))",
        "a grade where it is given ('rated good', \"a 'Good' rating\", 'Outstanding'), not in passing ('a good update')",
        "Services were rated good by inspectors.",
    ),
    Phrase("word:plain_outcome", _RATED, "rating words", "The verdict was welcomed by councillors."),
    Phrase(
        "word:plain_outcome",
        r"serious and widespread|widespread (?:and )?systemic|\bfailings\b|"
        r"\bOfsted(?:'s)? (?:recommendations|findings|report|letter|judge?ment|inspection)\b",
        "failings found, Ofsted's report or recommendations",
        "Ofsted's recommendations are set out in the plan.",
    ),
    Phrase(
        "word:outcome_loose",
        _RATED + r"|" + GRADE_RE.pattern + r"|['\"]adequate['\"]|(?:rated|judged|as|be) ['\"]?adequate\b|"
        r"serious and widespread|widespread (?:and )?systemic|\bfailings\b|\brecommendations\b|\bfindings\b|\bfound\b",
        "any outcome word, for the worth-a-look tier and for counting national statistics",
        "Inspectors found that practice had improved.",
    ),
    Phrase(
        "word:outcome_evidence",
        r"outcome|findings?|found|judge?ments?|judged|strengths?|areas? for (?:further )?consideration|"
        r"key findings|recommendations?|rated|letter|feedback|concluded|requires? improvement|"
        r"\b(?:good|outstanding|inadequate)\b|what needs to improve|praised|identified",
        "a sentence worth quoting as evidence",
        "Strengths and areas for consideration are listed in the letter.",
    ),
    Phrase(
        "word:sif_only",
        r"children in need of help and protection|children looked after|leadership,? management,? and governance|"
        r"single inspection|looked[- ]after children|(?:judged|rated|rating of|as) ['\"]?adequate\b",
        "wording of the SIF and earlier regimes (ILACS says 'children in care'; 'adequate' ended in 2013)",
        "Services for children looked after were judged adequate.",
    ),
    Phrase(
        "word:ofsted_visit",
        r"(?:Ofsted|inspectorate)(?:'s)? (?:latest |recent |monitoring )?visits?\b|\bvisits? (?:from|by) Ofsted",
        "Ofsted's visits (to an 'inadequate' council these are monitoring visits)",
        "Ofsted's latest visit noted steady progress.",
    ),
    Phrase(
        "word:earlier",
        r"\bsince (?:the|its|our|their) (?:[\w-]+ ){0,2}(?:inspection|focus+ed visit|monitoring visit|visit|review|"
        r"challenge|JTAI|ILACS|SIF)\b[^.,;]{0,12}\b(?:in|of) (?:19|20)\d\d\b",
        "'the progress made since the focused visit in 2021': an earlier review, dated",
        "Progress since the focused visit in 2021 has been steady.",
    ),
    Phrase(
        "word:earlier",
        r"\b(?:last|previous|earlier|initial|prior|former)\s+(?:[\w'()-]+\s+){0,4}?(?:full )?(?:inspection|visit|review|"
        r"challenge|ILACS|SIF|framework|judge?ment|rating|grade)|\bpredecessor\b|\bsince (?:the|its|their) (?:last|previous)",
        "an earlier review recalled as background",
        "At the last inspection services were judged good.",
    ),
    Phrase(
        "word:review",
        r"\b(?:review|challenge|(?:re-?)?inspection|inspected|(?:re-?)?visit|visited|peers?|team|"
        r"feedback|letter|findings|outcome|judge?ment|rated|rating|Ofsted|inspectors?|"
        r"recommendations|report|overall effectiveness)\b",
        "a sentence about a review: what makes a sentence report the review a title names, and a mention told over "
        "several sentences rather than recalled in passing",
        "The team shared its feedback with the chief executive on the last day.",
    ),
    Phrase(
        "plain_inspection",
        rf"\bCouncil\s+(?:has been|was|is|had been)\s+(?:rated|judged|graded)\s+(?:as\s+)?['\"‘“]?{_GRADE}\b"
        rf"[^.]{{0,60}}\bOfsted\b|\bOfsted\s+(?:says|said|has said|rates|has rated|judges|has judged)\s+"
        rf"(?:[A-Z][\w'-]+\s+){{1,3}}Council\b(?:'s)?\s+(?:is\s+|was\s+)?(?:now\s+)?['\"‘“]?{_GRADE}\b",
        "a council itself (not a service it names) graded by Ofsted: the press's way of naming its children's services",
        "Hollowmere Council has been rated good by Ofsted.",
    ),
    Phrase(
        "plain_inspection",
        r"inspect(?:ion of|ed|s|ing)? (?:the council'?s |our |its |the )?(?:children'?s services|"
        r"services for children(?: and (?:young people|families))?)",
        "an inspection of children's services in plain words",
        "Ofsted inspected the council's children's services in July.",
    ),
    Phrase(
        "plain_rating",
        r"\bOfsted\b(?=.*children'?s services)(?=.*(?:rated|judged|graded))",
        "Ofsted, then children's services and a rating word later in the sentence: with a grade anywhere in it, an "
        "inspection of children's services in plain words",
        "Ofsted has now rated the county's children's services as good.",
    ),
    # -- stages -----------------------------------------------------------------------------------------------------
    Phrase(
        "stage:action_plan",
        r"action plan|improvement plan|delivery plan|statement of action|\bWSO?A\b|implementation plan|"
        r"accelerated (?:progress|action) plan",
        "a plan answering a review",
        "Cabinet approved the improvement plan in response to the inspection.",
    ),
    Phrase(
        "stage:progress_review",
        r"progress review|follow[- ]up visit",
        "a progress review or follow-up visit",
        "The peer team returned for a progress review in June.",
    ),
    Phrase(
        "stage:plan_progress",
        r"\b(?:progress|implementation)\b[^.]{0,120}\b(?:plan|statement of action|recommendations|actions?)\b|"
        r"\b(?:plan|statement of action)\b[^.]{0,80}\bprogress|\bupdate on the implementation\b|"
        r"\bupdate on (?:the )?(?:[\w()'-]+ ){0,14}(?:and )?(?:action|improvement|implementation) plan",
        "an update on progress against a plan",
        "This report updates members on progress against the action plan.",
    ),
    Phrase(
        "stage:plan_purpose",
        r"\b(?:this report|the report|purpose)\b[^.]{0,60}\b(?:approv|agree|endors|adopt)\w* "
        r"(?:the |an? )?(?:draft )?(?:action|improvement) plan\b",
        "a paper whose purpose is to approve the plan answering a review, said in its opening sentences",
        "This report asks Cabinet to approve the draft improvement plan.",
    ),
    # -- tense and kinds of title -------------------------------------------------------------------------------------
    Phrase(
        "future_tense",
        r"\bwill\b|\bshall\b|\b(?:is|are) due to\b|\bto be (?:held|undertaken|carried out)\b",
        "future tense",
        "The findings will be shared with the scrutiny committee.",
    ),
    Phrase(
        "future_tense",
        r"\b(?:is|are) expected to\b|\bto be published\b",
        "'the report is expected to be published': not yet",
        "The letter is expected to be published next month.",
    ),
    Phrase(
        "recruiting_lead",
        r"\bfind out (?:more )?about (?:fostering|adopting|adoption|becoming)\b|\bbecome a foster carer\b|"
        r"\bcome along\b|\bno need to book\b",
        "an invitation to foster or to an information event",
        "Find out more about fostering at our drop-in session.",
    ),
    Phrase(
        "recruiting_lead",
        r"\bjoin (?:our|us|an? [\w-]+(?: [\w-]+)?)\b[^.]{0,20}\b(?:team|service|services)\b|\bclosing date\b|"
        r"\bapply (?:now|today|online)\b",
        "a job advert's own words ('Join a Good-rated service', 'Closing date')",
        "Join our friendly team of family social workers.",
    ),
    Phrase(
        "recruiting_lead",
        r"\brecruitment (?:drive|campaign)|\b(?:is|are|we're|we are) recruiting\b|\bseeking to recruit\b|"
        r"\bjob ads?\b|\bvacancies\b",
        "the lead of a recruitment piece (an outcome story may mention recruiting in passing)",
        "We are recruiting experienced social workers to our Good-rated service.",
    ),
    Phrase(
        "roundup_title",
        r"\b(?:latest|most recent)\b",
        "'Ofsted: latest focused visits': a roundup of several councils' visits, each an outcome",
        "Ofsted: latest focused visits to councils",
    ),
    Phrase(
        "several_councils_title",
        r"\bround-?up\b|\b(?:two|three|four|five|six|seven|several|\d+) (?:councils|authorities|"
        r"local authorities|boroughs|counties)\b",
        "a trade-press round-up of several councils' results: typed by what most of it reports",
        "Three councils improve their Ofsted ratings",
    ),
    # -- what else makes a publication worth a look --------------------------------------------------------------
    Phrase(
        "look:review",
        r"peer[- ](?:review|challenge)|\binspection\b|\bCQC\b",
        "a review of any kind, beside Ofsted and its inspectors (`word:ofsted`)",
        "The inspection letter goes to the next meeting of the committee.",
    ),
    Phrase(
        "look:context",
        r"\bSEND\b|special educational needs|\bsafeguarding\b|children in care|care leavers|"
        r"\bcorporate\b",
        "what a review worth a look may be about, beside children's services (`word:childrens_services`)",
        "Support for care leavers was the focus of the visit.",
    ),
]
