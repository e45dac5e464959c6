"""Is a publication about a peer review or an inspection outcome? Read the whole thing, keep the evidence.

The decision is made on sentences from the title, the item text (description and minutes or the article) and
every attached document, read in *windows*: a sentence with its neighbours, plus the title over the whole body,
so "Ofsted inspected the council's children's services." followed by "Services were rated good." is one outcome.
A review counts only when the text says it *happened* here (a past event, a report received, a plan answering
it), not when it is explained, offered, counted nationally or still to come (then it is `announced`). Sentences carrying a hard-negative context (schools, children's homes, peer on peer abuse,
self-evaluations…) never count as evidence, and a whole publication of a kind that is never one council's review
(a Welsh inspectorate's report, recruitment copy, national statistics, an explainer or an offer page) is not an
alert however often it names a review.

What the words mean is written down once, in the tables below (`PHRASES`): each row says which phrase means what
and why. The code after the tables only combines those meanings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from transforms.clean import plain_punctuation
from transforms.prefilter import Screened, any_match, fold


class Phrase(NamedTuple):
    meaning: str        # what the words tell us ("type:jtai", "generic", "happened", …)
    pattern: str        # a regular expression (case-insensitive)
    why: str            # the kind of wording it stands for


# One grade vocabulary for deciding and for extracting: "Requires improvement to be good", "RI", "require improvement"…
GRADE_RE = re.compile(
    r"requir(?:es|ed|ing|e) improvement(?: to be good)?|\bRI\b|\boutstanding\b|\bgood\b|\binadequate\b", re.I)
_GRADE = r"(?:outstanding|good|inadequate|requir\w* improvement(?: to be good)?|RI|adequate)"
_RATED = r"\b(?:rated|rating|ratings|judged|judge?ments?|graded|grading|ranked|awarded|branded|deemed|verdict)\b"
_SEND = r"(?:\bSEND\b|special educational needs(?: and(?:/or)? disabilit(?:y|ies))?)"
_INSPECT = r"(?:re-?inspection|inspection|re-?visit)"
_NOT_PEER = r"(?:(?!peer|improvement board|budget)[^.;:\n])"

PHRASES: list[Phrase] = [
    # -- which review a sentence names -------------------------------------------------------------------------
    Phrase("type:lga_corporate_peer_challenge", r"corporate peer challenge|\bCPC\b", "the LGA's corporate peer challenge"),
    Phrase("type:ofsted_ilacs", r"\bILACS\b|\bILASC\b|inspection of local authority children'?s services",
           "ILACS by name"),
    Phrase("type:ofsted_ilacs", r"impact of leaders on social work practice|experiences and progress of children (?:who need help|in care)",
           "ILACS by its judgement areas (no other regime has them)"),
    Phrase("type:ofsted_sif", r"single inspection framework|\bSIF\b|\bsingle inspection\b",
           "the single inspection framework (2013-2018) by name"),
    Phrase("type:ofsted_sif", r"inspect(?:ion of|ed) services for children in need of help|"
                              r"inspection of children in need of help and protection|children in need of help and protection,? children looked after",
           "the SIF by its long title"),
    Phrase("type:ofsted_sif", r"inspect\w*[^.]{0,60}safeguarding and looked[- ]after children|"
                              r"(?:rated|judged|rating)[^.]{0,60}safeguarding and looked[- ]after children|"
                              r"unannounced (?:inspection|visit)s? of contact,? (?:referral|assessment)",
           "pre-2013 regimes (safeguarding and looked after children; contact, referral and assessment): typed as their successor, the SIF"),
    Phrase("type:ofsted_focused_visit", r"focus+ed visit", "an ILACS focused visit"),
    Phrase("type:ofsted_monitoring_visit", r"monitoring visit", "a monitoring visit (Ofsted context checked separately)"),
    Phrase("type:ofsted_monitoring_visit", r"\bOfsted\W{1,3}MV ?\d{0,2}\b|"
                                           r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|\d+(?:st|nd|rd|th))\s+MV\b",
           "terse minutes' abbreviation ('Ofsted MV6', 'Fourth MV')"),
    Phrase("type:ofsted_focused_visit", r"\bOfsted\W{1,3}FV ?\d{0,2}\b", "terse minutes' abbreviation ('Ofsted FV')"),
    Phrase("type:jtai", r"joint targeted (?:area )?(?:child protection )?inspection|\bJTAI\b", "a joint targeted area inspection"),
    Phrase("type:jtai", r"\bjoint (?:area )?inspection of (?:the )?(?:multi-?agency|partnership|partners'?) (?:response|arrangements)\b",
           "a JTAI told in plain words: the inspectorates jointly inspecting the multi-agency response"),
    Phrase("type:jtai", r"\b(?:four|five) inspectorates\b|\bjointly inspect(?:ed|ing) (?:how )?(?:the )?(?:partners|agencies|multi-?agency)\b",
           "a JTAI told by its four inspectorates, or as partners 'jointly inspected'"),
    Phrase("type:send_area_inspection", r"(?:local )?area SEND inspection|joint local area (?:SEND|special educational needs)[^.]{0,40}inspection|"
                                        r"SEND[^.]{0,40}revisit|revisit[^.]{0,60}(?:SEND|local area)",
           "area SEND inspections and revisits by name"),
    Phrase("type:send_area_inspection", rf"{_SEND}{_NOT_PEER}{{0,60}}?\b{_INSPECT}|\b{_INSPECT}\w*\b{_NOT_PEER}{{0,45}}?{_SEND}",
           "SEND and an inspection named together, either order ('SEND Ofsted local area inspection', 'inspection of SEND')"),
    Phrase("type:send_area_inspection", r"joint (?:Ofsted and CQC )?inspection of (?:the |[A-Z][\w']+ )?local area|"
                                        r"\binspect(?:ion|ed) (?:of )?(?:the |[A-Z][\w']+ )?local area\b|"
                                        r"local area (?:partnership )?(?:SEND )?(?:re-?inspection|inspection|revisit)",
           "the local area inspected (only SEND inspections inspect a 'local area')"),
    Phrase("type:send_area_inspection", rf"\b(?:Ofsted|inspectors)\b[^.]{{0,20}}\b(?:and|with) (?:the )?(?:CQC|Care Quality Commission)\b"
                                        rf"[^.]{{0,160}}?(?:{_SEND}|written statement of action|\bWSOA\b|revisit)|\b(?:lead|leads|led|leading) to (?:inconsistent|positive) experiences "
                                        rf"and outcomes\b|\bwidespread (?:and/or |and |or )?systemic failings\b",
           "the two inspectorates looking at SEND together, or an outcome only the 2023 area SEND framework gives"),
    Phrase("type:peer_review", r"peer[- ](?:review(?!ed)|challenge)", "a peer review or challenge (not 'peer-reviewed research')"),

    # -- a sentence that is never evidence ----------------------------------------------------------------------
    Phrase("negative", r"peer[- ]on[- ]peer|peer support|peer mentor|member peers?\b|section [58]\b|\bS[58]\b|"
                       r"children'?s homes?|supported accommodation|regulation 44|inspection readiness|self[- ]evaluation|self[- ]assessment|"
                       r"independent review of children'?s social care|polling district|budget review|\bacademy\b|"
                       r"prepar(?:ing|ation|e) for (?:the )?(?:new |next |an? |any |possible |full )*(?:ILACS|inspection|Ofsted|local area|SEND|JTAI)|mock inspection",
           "peer support, schools' and homes' inspections, self-assessment, preparation for an inspection"),
    Phrase("negative", r"\bsources? of assurance\b|\bassurance (?:framework|map)\b",
           "a review listed among a governance statement's sources of assurance"),
    Phrase("elsewhere", r"\bneighbouring (?-i:[A-Z])[\w'-]+|\bour neighbours\b|"
                        r"\b(?:colleagues|friends) (?:at|in) (?-i:[A-Z])(?!fsted|GA\b)[\w'-]+|"
                        r"\b(?:joins|joined|joining|comes|came|moves|moved) (?:us |to us )?from (?-i:[A-Z])[\w'-]+|"
                        r"\baround the region\s*[:–-]|\bregional (?:news|round-?up)\b|\bnews from (?:around|across)\b",
           "another council's review told in a partnership newsletter ('neighbouring Dunmore', 'colleagues at "
           "Brackenfield', 'news from around the region') or a new director's previous council ('joins from "
           "Eastham, where …'): not the publisher's, unless the sentence also names our own"),
    Phrase("own_service", r"\b(?:our|the council'?s|the authority'?s)\s+(?:own\s+)?(?:[\w']+\s+){0,3}?services?\b",
           "the publisher's own service named beside a neighbour's"),
    Phrase("school", r"\bschools?\b|\bnurser(?:y|ies)\b|\bpupil referral\b|special measures|short inspection|\bS8\b",
           "a school or nursery: negative unless the sentence names a council-level review"),

    # -- publications that are never one English council's review ---------------------------------------------
    Phrase("doc:welsh", r"Care Inspectorate Wales|\bCIW\b|\bEstyn\b", "Welsh inspectorates (PeerWatch covers English councils)"),
    Phrase("doc:other_body", r"\bHM Inspectorate of Probation\b|\bHMI ?Probation\b|\bHMIP\b|youth offending|youth justice|\bCQC\b[^.]{0,80}adult social care|"
                             r"adult social care[^.]{0,80}\bCQC\b|Care Quality Commission[^.]{0,60}(?:adult|Care Act)|Care Act",
           "probation and youth justice; CQC's adult social care assessments"),
    Phrase("doc:recruitment", r"\binformation (?:evening|event|session|day)\b|\bopen (?:day|evening)\b|"
                              r"\bfoster(?:ing)? (?:with|for) us\b",
           "an event inviting people to foster or adopt"),
    Phrase("doc:recruitment", r"recruit|\bcareers?\b|\bjob (?:opportunit|vacanc|advert|ads?\b)|\bjobs (?:board|fair|page)|vacanc|seeks? social workers|working as a social worker|"
                              r"\bjoin (?:our|a|us)\b|\bapply (?:now|today)\b",
           "recruitment copy quoting a grade"),
    Phrase("doc:budget", r"budget monitoring|revenue budget|\bfinance\b|financial monitoring|"
                         r"medium[- ]term financial (?:strategy|plan)|\bMTFS\b|\bcapital (?:programme|strategy)\b|"
                         r"treasury management|\bbudget (?:setting|proposals|report|book|consultation)\b",
           "budget monitoring and financial strategies that name Ofsted (a grade recalled as a risk or priority)"),
    Phrase("doc:regulated", r"\badoption (?:service|agency|unit|inspection)|\bfostering (?:service|agency)|children'?s homes?|"
                            r"\bnurser(?:y|ies)\b|\bschools?\b",
           "inspections of regulated services and schools named in the title"),
    Phrase("doc:explainer", r"^what (?:is|are|happens)\b|^\d+ point briefing|\bguidance\b|\bconsultation (?:on|launched)\b|"
                            r"\blaunch(?:es|ed)? (?:a |the |its )?new (?:[\w-]+ )?(?:framework|inspections?|programme|regime)\b|"
                            r"\bthe role of\b|\bthe impact of (?!leaders)|^the impact of\b|^blog\b|(?:ILACS|SIF|JTAI|SEND|inspection) framework\s*$|"
                            # a programme of reviews or of meetings, not a council's own improvement programme
                            r"\b(?:peer (?:review|challenge|support)s?|challenges?|reviews?|inspections?|visits?|work|"
                            r"support|sector[- ]led improvement|development|training) programme$",
           "a title that explains or announces a kind of review rather than reporting one"),

    # -- a sentence about reviews in general, not one that happened here -----------------------------------------
    Phrase("generic", r"\bwhat (?:is|are|happens)\b|\byour\b|\bwe (?:offer|provide|carry out)\b|\boffers? you\b|"
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
           "reviews in general: plurals, 'every council', 'your', offers, research, frameworks being introduced"),
    Phrase("generic", r"\b(?:target|aim|ambition|goal|measure|objective)s?\s*:|\bgood or better\b|"
                      r"\bat (?:the|our|its|their) next (?:\w+ )?inspection\b|"
                      r"\b(?:explains?|explaining|describes) (?:what|how)\b|\bOfsted'?s annual report\b|\bthe chief inspector\b|\bmore (?:local authorities|councils) than ever\b",
           "Ofsted's national annual report and the chief inspector's view of the whole country"),
    Phrase("generic", r"\bwe (?:examine|estimate|analyse|analyze|investigate|explore|test|model)\b|"
                      r"\b\d+ (?:English|Welsh|UK|shire|metropolitan|London) (?:local authorities|councils|authorities)\b",
           "research about many councils ('we examine whether …', '152 English local authorities')"),
    Phrase("one_council_outcome", r"(?:council|authority|borough)'?s (?:[\w']+ ){0,4}services?\b[^.]{0,60}\b(?:rated|judged|ranked|found|graded|awarded)|"
                                  r"\b(?:rated|judged|ranked) (?:[A-Z]\w+ ){1,4}(?:County |City |Borough )?Council\b|"
                                  r"\b(?:the|our|its) (?:council'?s |authority'?s )?children'?s (?:social care )?services (?:were|was|have been|has been)",
           "one council's services given an outcome (national statistics do not say this)"),
    Phrase("stats", r"\d+(?:\.\d+)? ?(?:%|per ?cent)|\b(?:one|two|three|seven)[- ](?:in|out[- ]of)[- ](?:five|four|ten)\b|"
                    r"\b(?:three-quarters|a quarter of|a third of|nearly half|just under half|half of)\b|"
                    r"\b\d+ (?:councils|local authorities|authorities|reviews|inspections|local areas|services)\b|"
                    r"\b(?:councils|local authorities|authorities) (?:were|have been) (?:rated|judged|graded|assessed)",
           "national statistics: shares and counts of councils"),

    # -- what the text says happened ---------------------------------------------------------------------------
    Phrase("happened", r"\btook place\b|\b(?:was|were|been|had been|has been|have been) (?:\w+ )?(?:carried out|undertaken|conducted|completed|held|inspected)\b|"
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
           "a specific review that has happened: past events, reports received, plans answering it"),
    Phrase("happened", rf"\b(?:(?:has|have|had)\s+(?:now\s+)?)?(?:moved|climbed|risen|rose|jumped|improved|went|gone|slipped|dropped|fell|fallen)\s+"
                       rf"(?:up\s+|down\s+|back\s+)?(?:from\s+['\"‘“]?{_GRADE}['\"’”]?\s+)?to\s+['\"‘“]?{_GRADE}\b|"
                       rf"\b(?:was|were|been)\s+branded\s+['\"‘“]?{_GRADE}\b|"
                       rf"\b(?:was|were|been)\s+(?:given|awarded|handed)\s+(?:an?\s+|the\s+|its\s+)?['\"‘“]?{_GRADE}['\"’”]?\s+"
                       rf"(?:rating|grade|judge?ment)\b",
           "a grade told as a move that has happened ('have moved up to requires improvement to be good', 'went from "
           "inadequate to good') or a "
           "grade the press says a service was 'branded'"),
    Phrase("happened", r"\b(?:report|letter|inspectors|they|findings)\b[^.]{0,40}\b(?:concludes?|finds|says|states|describes|"
                       r"recognises|highlights)\b|\b(?:was|were) on ?site\b|\b(?:inspection|visit|review|challenge|JTAI|ILACS)\b[^.;]{0,30}"
                       r"\b(?:held|carried out|conducted|undertaken) (?:from|between|on|over|during) (?:\d|the |[A-Z])|\bgiven (?:the|a|its) (?:top|highest|lowest) "
                       r"(?:grade|rating|judge?ment)\b|\bwatchdog\b (?:\w+ )?(?:rated|judged|graded|found|concluded|said)\b|"
                       r"\b(?:Ofsted|inspectors|CQC|peer team|peers)\b[^.]{0,30}\b(?:returned|came back|revisited)\b|"
                       r"\b(?:team|peers|directors|inspectors)\b[^.]{0,60}\breviewed (?:the|our|its|their)\b|"
                       r"\b(?:findings|feedback|letter|report) (?:was|were) (?:presented|shared|given|received)\b",
           "the present tense of a report ('the report concludes', 'they say'), a team that was on site, a review held on "
           "its dates, the top grade given, what 'the watchdog' found, inspectors who returned, a team that reviewed the "
           "council's work, findings presented"),
    Phrase("future", r"\bwill (?:be )?(?:take place|visiting|visit|inspected|on site|undertaken|carrying out|leading|starts?|conduct)|"
                     r"\bwould (?:be undergoing|take place|be undertaken)|\bis due to (?:take place|visit)|\bforthcoming\b|\bupcoming\b|"
                     r"\bhas been commissioned\b|\bahead of the\b|\bto undertake\b|\b(?:has been |have )invited\b|\bstarts on\b|"
                     r"\bcommencing\b|\brescheduled\b|\bwill take place\b|\bprior to the (?:review|challenge|inspection) commencing\b|"
                     r"\bapprov\w+ (?:to|the request to) (?:undertake|have)\b|\bwill be (?:leading|carrying out)\b|\binspection starts\b|"
                     r"\b(?:is|are) (?:currently )?(?:undertaking|carrying out|conducting|on site)\b|\bis being inspected\b|\bunder ?way\b",
           "a review still to come"),
    Phrase("future", r"\b(?:has|have) invited\b[^.]{0,40}\bto (?:carry out|undertake|conduct|lead)\b|"
                     r"\b(?:is|are) (?:with|in) (?:the |us|our |its )[^.]{0,60}\bthis week\b|\bthis week for (?:the|its|our|their) (?:[\w-]+ ){0,3}(?:inspection|visit|review|challenge)\b|"
                     r"\bnotified\b[^.]{0,60}?\bof an? (?:[\w-]+ ){0,3}(?:inspection|visit|JTAI|peer challenge|peer review)\b|"
                     r"\bwill (?:begin|commence|start|carry out)\b|\bstarting on\b|\bahead of (?:their|its|our|the) "
                     r"(?:visit|challenge|review|inspection|on-?site)\b|\bwill be (?:in|with|at) (?:the |our |its )?(?:borough|county|city|district|council|authority|area)\b|\bwill be with us\b|"
                     r"\b(?:agreed|volunteered|arranged|decided|chosen|asked) to (?:host|receive|take part in|undergo)\b|"
                     r"\barrived\b[^.]{0,40}\bto (?:begin|start|inspect|carry out|undertake)\b|\bwill last\b|\b(?:is|are|has been|have been) (?:now )?booked (?:for|in)\b",
           "a council that has agreed to host a review, inspectors who arrived to begin one: still to come or under way"),
    Phrase("report_title", r"(?-i:\b(?:Outstanding|Good|Inadequate|Requires? Improvement)\b)",
           "a headline that gives the grade ('Ofsted: Children's Services Outstanding')"),
    Phrase("report_title", r"\b(?:feedback|outcomes?|report|letter|findings|action plan|improvement plan|update|progress|response|"
                           r"results?|recommendations|statement of action|rated|judged|praises?|verdict)\b",
           "a title that reports a review rather than naming a kind of review"),

    # -- who ran a peer review ------------------------------------------------------------------------------------
    Phrase("run_by:lga", r"\bLGA\b|Local Government Association|Planning Advisory Service|safeguarding children peer review|"
                         r"challenge manager|Local Government (?:Improvement and Development|Group)|\bIDeA\b|"
                         r"Improvement and Development Agency|Local Government (?:[A-Z]\w+ ){0,3}Peer (?:Review|Challenge)",
           "the LGA, its safeguarding children peer review and challenge managers, and its earlier names"),
    Phrase("run_by:regional", r"(?:regional )?improvement alliance|regional improvement|sector[- ]led|regional peer|SESLIP|peer challenge team review|triad|\bADASS\b|"
                              r"Association of Directors of Adult",
           "regional and ADASS peer schemes (other_peer_review)"),

    # -- words an outcome in plain words is made of ----------------------------------------------------------------
    Phrase("word:ofsted", r"\bOfsted\b|\binspectors?\b|\binspectorate\b|\bHMI\b", "Ofsted or its inspectors"),
    Phrase("word:ofsted", r"\b(?:education|schools?|children'?s services|social care) watchdog\b",
           "Ofsted as the press names it ('the education watchdog')"),
    Phrase("word:ofsted", r"\bthe (?:watchdog|regulator)\b(?!\s+(?:of|for)\b)",
           "'the watchdog' or 'the regulator' unqualified, in a story about children's services, is Ofsted ('the health "
           "watchdog' and 'the Regulator of Social Housing' are not, and children's services are still needed beside it)"),
    Phrase("word:childrens_services",
           r"children'?s (?:social care |social work )?services?|children and famil(?:y|ies)'?s? services?|"
           r"famil(?:y|ies) and children'?s? services?|children,? (?:and )?young people'?s? (?:and famil(?:y|ies)'?s? )?services?|"
           r"children'?s social (?:care|work)|services for (?:vulnerable )?children|(?:safeguarding|child protection) (?:children'?s? )?services|"
           r"(?:arrangements|services) for (?:the )?(?:protection of |protecting )?children|arrangements for protecting children|"
           r"looked[- ]after children'?s? services|director of children'?s services|\bDCS\b|overall effectiveness|"
           r"children in need of help and protection|children'?s services department|services for looked[- ]after children|"
           r"(?:rating|rated|judged)[^.]{0,30}\bfor safeguarding\b|\bcare leavers\b|\bcorporate parenting\b|"
           r"\bchildren in care\b|(?-i:\bCiC\b)|\bH&P\b",
           "a council's children's services, in the many names councils give them (care leavers and corporate "
           "parenting are the council's own duties; their regulated accommodation is a hard negative)"),
    Phrase("word:grade_given",
           rf"\b(?:rated|judged|graded|ranked|deemed|found to be|assessed as|retained|achieved|awarded|received|was|were|"
           rf"judge?ment of|rating of|grade of|grading of|outcome was|remains?)\s+(?:as\s+|to be\s+|an?\s+|its\s+|the\s+)?"
           rf"(?:overall\s+)?['\"‘“]?{_GRADE}\b|"
           rf"['\"‘“]{_GRADE}['\"’”]|\b{_GRADE}['\"’”]?\s+(?:Ofsted\s+)?(?:rating|judge?ment|grade|overall|in all)\b|"
           rf"(?-i:\b(?:Outstanding|Good|Inadequate|Requires? Improvement)\b)|(?-i:\bRI\b)|"
           rf"\b(?:upgraded|downgraded|improved|moved|raised|lifted|risen|rose|dropped|fell|went) (?:[\w']+ ){{0,4}}?(?:to|from) ['\"‘“]?{_GRADE}\b|"
           rf"\bto be ['\"‘“]?{_GRADE}\b|\b(?:is|are) (?:now |still |again )?['\"‘“]?{_GRADE}\b(?!\s+(?:practice|progress|news|work|quality|example|at|for))",
           "a grade where it is given ('rated good', \"a 'Good' rating\", 'Outstanding'), not in passing ('a good update')"),
    Phrase("word:plain_outcome", _RATED, "rating words"),
    Phrase("word:plain_outcome", r"serious and widespread|widespread (?:and )?systemic|\bfailings\b|"
                                 r"\bOfsted(?:'s)? (?:recommendations|findings|report|letter|judge?ment|inspection)\b",
           "failings found, Ofsted's report or recommendations"),
    Phrase("word:outcome_loose", _RATED + r"|" + GRADE_RE.pattern + r"|['\"]adequate['\"]|(?:rated|judged|as|be) ['\"]?adequate\b|"
                                 r"serious and widespread|widespread (?:and )?systemic|\bfailings\b|\brecommendations\b|\bfindings\b|\bfound\b",
           "any outcome word, for the worth-a-look tier and for counting national statistics"),
    Phrase("word:outcome_evidence", r"outcome|findings?|found|judge?ments?|judged|strengths?|areas? for (?:further )?consideration|"
                                    r"key findings|recommendations?|rated|letter|feedback|concluded|requires? improvement|"
                                    r"\b(?:good|outstanding|inadequate)\b|what needs to improve|praised|identified",
           "a sentence worth quoting as evidence"),
    Phrase("word:sif_only", r"children in need of help and protection|children looked after|leadership,? management,? and governance|"
                            r"single inspection|looked[- ]after children|(?:judged|rated|rating of|as) ['\"]?adequate\b",
           "wording of the SIF and earlier regimes (ILACS says 'children in care'; 'adequate' ended in 2013)"),
    Phrase("word:ofsted_visit", r"(?:Ofsted|inspectorate)(?:'s)? (?:latest |recent |monitoring )?visits?\b|\bvisits? (?:from|by) Ofsted",
           "Ofsted's visits (to an 'inadequate' council these are monitoring visits)"),
    Phrase("word:earlier", r"\bsince (?:the|its|our|their) (?:[\w-]+ ){0,2}(?:inspection|focus+ed visit|monitoring visit|visit|review|"
                           r"challenge|JTAI|ILACS|SIF)\b[^.,;]{0,12}\b(?:in|of) (?:19|20)\d\d\b",
           "'the progress made since the focused visit in 2021': an earlier review, dated"),
    Phrase("word:earlier", r"\b(?:last|previous|earlier|initial|prior|former)\s+(?:[\w'()-]+\s+){0,4}?(?:full )?(?:inspection|visit|review|"
                           r"challenge|ILACS|SIF|framework|judge?ment|rating|grade)|\bpredecessor\b|\bsince (?:the|its|their) (?:last|previous)",
           "an earlier review recalled as background"),
    Phrase("plain_inspection", rf"\bCouncil\s+(?:has been|was|is|had been)\s+(?:rated|judged|graded)\s+(?:as\s+)?['\"‘“]?{_GRADE}\b"
                                rf"[^.]{{0,60}}\bOfsted\b|\bOfsted\s+(?:says|said|has said|rates|has rated|judges|has judged)\s+"
                                rf"(?:[A-Z][\w'-]+\s+){{1,3}}Council\b(?:'s)?\s+(?:is\s+|was\s+)?(?:now\s+)?['\"‘“]?{_GRADE}\b",
           "a council itself (not a service it names) graded by Ofsted: the press's way of naming its children's services"),
    Phrase("plain_inspection", r"inspect(?:ion of|ed|s|ing)? (?:the council'?s |our |its |the )?(?:children'?s services|"
                                r"services for children(?: and (?:young people|families))?)",
           "an inspection of children's services in plain words"),

    # -- stages -----------------------------------------------------------------------------------------------------
    Phrase("stage:action_plan", r"action plan|improvement plan|delivery plan|statement of action|\bWSO?A\b|implementation plan|"
                                r"accelerated (?:progress|action) plan", "a plan answering a review"),
    Phrase("stage:progress_review", r"progress review|follow[- ]up visit", "a progress review or follow-up visit"),
    Phrase("stage:plan_progress", r"\b(?:progress|implementation)\b[^.]{0,120}\b(?:plan|statement of action|recommendations|actions?)\b|"
                                  r"\b(?:plan|statement of action)\b[^.]{0,80}\bprogress|\bupdate on the implementation\b|"
                                  r"\bupdate on (?:the )?(?:[\w()'-]+ ){0,14}(?:and )?(?:action|improvement|implementation) plan",
           "an update on progress against a plan"),

    # -- tense and kinds of title -------------------------------------------------------------------------------------
    Phrase("future_tense", r"\bwill\b|\bshall\b|\b(?:is|are) due to\b|\bto be (?:held|undertaken|carried out)\b", "future tense"),
    Phrase("future_tense", r"\b(?:is|are) expected to\b|\bto be published\b", "'the report is expected to be published': not yet"),
    Phrase("recruiting_lead", r"\bfind out (?:more )?about (?:fostering|adopting|adoption|becoming)\b|\bbecome a foster carer\b|"
                              r"\bcome along\b|\bno need to book\b",
           "an invitation to foster or to an information event"),
    Phrase("recruiting_lead", r"\bjoin (?:our|us|an? [\w-]+(?: [\w-]+)?)\b[^.]{0,20}\b(?:team|service|services)\b|\bclosing date\b|"
                              r"\bapply (?:now|today|online)\b",
           "a job advert's own words ('Join a Good-rated service', 'Closing date')"),
    Phrase("recruiting_lead", r"\brecruitment (?:drive|campaign)|\b(?:is|are|we're|we are) recruiting\b|\bseeking to recruit\b|"
                              r"\bjob ads?\b|\bvacancies\b",
           "the lead of a recruitment piece (an outcome story may mention recruiting in passing)"),
    Phrase("roundup_title", r"\b(?:latest|most recent)\b",
           "'Ofsted: latest focused visits': a roundup of several councils' visits, each an outcome"),
    Phrase("several_councils_title", r"\bround-?up\b|\b(?:two|three|four|five|six|seven|several|\d+) (?:councils|authorities|"
                                     r"local authorities|boroughs|counties)\b",
           "a trade-press round-up of several councils' results: typed by what most of it reports"),
]


def _union(meaning: str) -> Screened:
    """Every phrase of one meaning as one case-insensitive pattern, screened by the words its matches need
    (`transforms/prefilter.py`): most sentences lack them, and the scan is skipped with the same answer."""
    return Screened.of("|".join(f"(?:{p.pattern})" for p in PHRASES if p.meaning == meaning))


TYPE_NAMES = ["lga_corporate_peer_challenge", "ofsted_ilacs", "ofsted_sif", "ofsted_focused_visit",
              "ofsted_monitoring_visit", "jtai", "send_area_inspection", "peer_review"]
TYPE_PATTERNS: dict[str, Screened] = {name: _union(f"type:{name}") for name in TYPE_NAMES}
NEGATIVE_CONTEXT = _union("negative")
SCHOOL_CONTEXT = _union("school")
ELSEWHERE = _union("elsewhere")
OWN_SERVICE = _union("own_service")
GENERIC = _union("generic")
STATS = _union("stats")
ONE_COUNCIL_OUTCOME = _union("one_council_outcome")
HAPPENED = _union("happened")
FUTURE_EVENT = _union("future")
REPORT_TITLE = _union("report_title")
FUTURE_TENSE = _union("future_tense")
RECRUITING_LEAD = _union("recruiting_lead")
ROUNDUP_TITLE = _union("roundup_title")
SEVERAL_COUNCILS_TITLE = _union("several_councils_title")
DOCUMENT_VETOES = {kind: _union(f"doc:{kind}") for kind in ("welsh", "other_body", "recruitment", "budget", "regulated", "explainer")}
LGA = _union("run_by:lga")
REGIONAL = _union("run_by:regional")
OFSTED_WORD = _union("word:ofsted")
CHILDRENS_SERVICES = _union("word:childrens_services")
GRADE_GIVEN = _union("word:grade_given")
PLAIN_OUTCOME = re.compile(_union("word:plain_outcome").pattern + "|" + GRADE_GIVEN.pattern, re.I)   # rating words or a grade given
RATING_WORD = _union("word:outcome_loose")
OUTCOME = _union("word:outcome_evidence")
SIF_HINT = _union("word:sif_only")
INADEQUATE_VISIT = _union("word:ofsted_visit")
EARLIER = _union("word:earlier")
ACTION_PLAN = _union("stage:action_plan")
PROGRESS = _union("stage:progress_review")
PLAN_PROGRESS = _union("stage:plan_progress")
PLAIN_INSPECTION = _union("plain_inspection")
PLAIN_RATING = re.compile(r"\bOfsted\b(?=.*children'?s services)(?=.*(?:rated|judged|graded))", re.I)
YEAR = re.compile(r"\b(19[89]\d|20[0-4]\d)\b")

OFSTED_TYPES = {"ofsted_ilacs", "ofsted_sif", "ofsted_focused_visit", "ofsted_monitoring_visit", "jtai",
                "send_area_inspection"}
PEER_TYPES = {"lga_peer_challenge", "lga_corporate_peer_challenge", "other_peer_review"}

SERVICE_AREAS = [
    ("planning", re.compile(r"planning advisory service|planning service|\bPAS\b|development management|planning peer", re.I)),
    ("adult_social_care", re.compile(r"adult social care|adults'? services|safeguarding adults|adult safeguarding", re.I)),
    ("send", re.compile(r"\bSEND\b|special educational needs", re.I)),
    ("safeguarding", re.compile(r"safeguarding", re.I)),
    ("childrens_social_care", re.compile(r"children'?s social care", re.I)),
    ("childrens_services", re.compile(r"children'?s services|children|\bDCS\b|director of children|early help|family help", re.I)),
]
ILACS_START = date(2018, 1, 1)


def inspection_framework(published: date | None) -> str:
    return "ofsted_sif" if published and published < ILACS_START else "ofsted_ilacs"


def plain_inspection(sentence: str) -> bool:
    """One sentence naming an inspection of children's services, or an Ofsted outcome for them, in plain words."""
    if PLAIN_INSPECTION.search(sentence) or (PLAIN_RATING.search(sentence) and GRADE_RE.search(sentence)):
        return True
    return bool(OFSTED_WORD.search(sentence) and CHILDRENS_SERVICES.search(sentence) and PLAIN_OUTCOME.search(sentence))


ALERT_SERVICE_AREAS = {"childrens_social_care", "childrens_services", "safeguarding", "send", "corporate"}


@dataclass
class Classification:
    is_review: bool
    review_types: list[str] = field(default_factory=list)
    service_area: str | None = None
    stage: str | None = None
    in_alert_scope: bool = False
    rule: str = ""
    evidence: list[str] = field(default_factory=list)
    # Strong but incomplete signals (Ofsted or a peer review, children's services, an outcome word) with no
    # confident review: never also an alert; listed apart so that a researcher can glance at it.
    worth_a_look: bool = False
    look_reason: str = ""
    look_evidence: list[str] = field(default_factory=list)

    @property
    def primary_type(self) -> str | None:
        return self.review_types[0] if self.review_types else None

    @property
    def is_alert(self) -> bool:
        return self.is_review and self.in_alert_scope

    def reason(self) -> str:
        if not self.is_review:
            if self.worth_a_look:
                return f"worth a look: {self.look_reason}; " + " … ".join(f"“{quote(e)}”" for e in self.look_evidence[:2])
            return "not about a review"
        types = ", ".join(self.review_types)
        quoted = " … ".join(f"“{quote(e)}”" for e in self.evidence[:2])
        return f"{self.rule}: {types} ({self.stage}); {quoted}"


def quote(text: str, limit: int = 160) -> str:
    """A quotation cut on a word boundary, marked when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:-–")
    return cut + "…"


# -- sentences and windows ------------------------------------------------------------------------------------------
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])|\n{2,}|\n(?=\s*(?:[•*\-–]|\(cid:\d+\)|\d+\.\d+\s|[a-z]\)\s))")
PARAGRAPH_SPLIT = re.compile(r"\n\s*\n")


def split_sentences(text: str) -> list[str]:
    text = re.sub(r"\(cid:\d+\)", "•", text)
    parts = SENTENCE_SPLIT.split(text)
    return [" ".join(p.split()) for p in parts if p and p.strip()]


@dataclass
class Sentence:
    text: str
    paragraph: int
    negative: bool


def _sentences_with_paragraphs(texts: list[str]) -> list[Sentence]:
    out: list[Sentence] = []
    paragraph = 0
    for text in texts:
        for block in PARAGRAPH_SPLIT.split(re.sub(r"\(cid:\d+\)", "•", text or "")):
            for s in split_sentences(block):
                out.append(Sentence(s, paragraph, _negative(s)))
            paragraph += 1
    return out


# "a special school for pupils with SEND": the school's pupils, not the local area's SEND arrangements.
PUPILS_WITH_SEND = re.compile(rf"\b(?:pupils|students|learners)\s+with\s+{_SEND}|\bspecial schools?\b", re.I)


def _names_council_review(sentence: str) -> bool:
    sentence = PUPILS_WITH_SEND.sub(" ", sentence)
    return any(p.search(sentence) for n, p in TYPE_PATTERNS.items() if n not in ("ofsted_monitoring_visit",)) or \
        bool(CHILDRENS_SERVICES.search(sentence) and not re.search(r"\bschools?\b[^.]{0,30}(?:inspect|Ofsted|rated|judged)", sentence, re.I))


@lru_cache(maxsize=2048)
def _negative(sentence: str) -> bool:
    """Hard-negative context; a school named beside a council-level review (the Head of Schools presenting the SEND
    inspection) does not make the sentence about a school."""
    if NEGATIVE_CONTEXT.search(sentence):
        return True
    if ELSEWHERE.search(sentence) and not OWN_SERVICE.search(sentence):
        return True
    return bool(SCHOOL_CONTEXT.search(sentence)) and not _names_council_review(sentence)


def _window(sentences: list[Sentence], i: int, title: str) -> str:
    """The sentence, the sentences either side of it (a paragraph break does not end a thought in minutes) and the
    title, which governs the whole body."""
    near = [s.text for s in sentences[max(0, i - 1): i + 2] if not s.negative]
    return " ".join([title, *near]) if title else " ".join(near)


# -- mentions ---------------------------------------------------------------------------------------------------------
def _peer_type(sentence: str, whole_text: str) -> str:
    if re.search(r"corporate", sentence, re.I):
        return "lga_corporate_peer_challenge"
    lga, regional = _who_runs_peer_reviews(whole_text)
    if REGIONAL.search(sentence) or (regional and not lga):
        return "other_peer_review"
    return "lga_peer_challenge" if lga else "other_peer_review"


@lru_cache(maxsize=16)
def _who_runs_peer_reviews(whole_text: str) -> tuple[bool, bool]:
    # Read once per publication, not once per sentence (a long report names its peer review hundreds of times).
    return bool(LGA.search(whole_text)), bool(REGIONAL.search(whole_text))


@lru_cache(maxsize=2048)
def _pattern_hits(sentence: str) -> tuple[str, ...]:
    return tuple(name for name, pattern in TYPE_PATTERNS.items() if pattern.search(sentence))


def mentions(sentence: str, whole_text: str, framework: str = "ofsted_ilacs") -> set[str]:
    """Review types one sentence names (nothing in a hard-negative context)."""
    found = set()
    if _negative(sentence):
        return found
    for name in _pattern_hits(sentence):
        found.add(_peer_type(sentence, whole_text) if name == "peer_review" else name)
    if re.search(r"(?:DfE|Department for Education|NHS England)\W+(?:[\w'-]+\W+){0,4}monitoring visit|"
                 r"monitoring visits? (?:by|from|with) (?:the )?(?:DfE|Department for Education|NHS England)", sentence, re.I):
        found.discard("ofsted_monitoring_visit")   # the DfE's monitoring of a SEND plan is not Ofsted's visit
    if "send_area_inspection" in found and found & {"ofsted_focused_visit", "ofsted_monitoring_visit"} and \
            not re.search(r"SEND[^.]{0,30}(?:monitoring|focus+ed)", sentence, re.I):
        # "the DfE monitoring visit" inside a SEND report is not an Ofsted monitoring visit
        found -= {"ofsted_focused_visit", "ofsted_monitoring_visit"}
    if INADEQUATE_VISIT.search(sentence) and re.search(r"inadequate", sentence, re.I):
        found.add("ofsted_monitoring_visit")   # Ofsted's visits to an 'inadequate' council are its monitoring visits
    if not found & OFSTED_TYPES and plain_inspection(sentence):
        found.add(framework)
    if "lga_corporate_peer_challenge" in found:
        found.discard("lga_peer_challenge")
        found.discard("other_peer_review")
    return found


def _explicit_types(sentence: str, whole: str) -> set[str]:
    """Types named outright (not inferred from plain words about an inspection)."""
    if _negative(sentence):
        return set()
    out = set()
    for name in _pattern_hits(sentence):
        out.add(_peer_type(sentence, whole) if name == "peer_review" else name)
    if "lga_corporate_peer_challenge" in out:
        out -= {"lga_peer_challenge", "other_peer_review"}
    return out


def _window_mentions(sentences: list[Sentence], i: int, title: str, whole: str, framework: str) -> set[str]:
    """Types the sentence's window supports beyond the sentence itself: an Ofsted outcome for children's services
    spread over neighbouring sentences or the title, and Ofsted's visits to an 'inadequate' council."""
    s = sentences[i]
    if s.negative:
        return set()
    found = set()
    parts = _plain_parts(s.text)
    if sum(parts) >= 2:
        near = [x.text for x in sentences[max(0, i - 1): i + 2] if not x.negative] + ([title] if title else [])
        # A news story's opening sentence says whose service it is about, as a headline does; later paragraphs
        # say "the service" ("… into the council's children's social care." … "The watchdog rated the service …").
        near += [sentences[0].text] if sentences and not sentences[0].negative else []
        window_parts = [any(_plain_parts(x)[k] for x in near) for k in range(3)]
        if all(window_parts):
            found.add(framework)
    if INADEQUATE_VISIT.search(s.text) and re.search(r"inadequate", _window(sentences, i, title), re.I):
        found.add("ofsted_monitoring_visit")
    return found


@lru_cache(maxsize=2048)
def _plain_parts(text: str) -> tuple[bool, bool, bool]:
    """Does the text name Ofsted (or its inspectors), a council's children's services, an outcome?"""
    return bool(OFSTED_WORD.search(text)), bool(CHILDRENS_SERVICES.search(text)), bool(PLAIN_OUTCOME.search(text))


@lru_cache(maxsize=2048)
def _specific(sentence: str) -> bool:
    """The sentence reports something that happened to one council, not reviews in general."""
    return bool(HAPPENED.search(sentence)) and not GENERIC.search(sentence) and not _future_only(sentence)


def _future_only(sentence: str) -> bool:
    return bool(FUTURE_EVENT.search(sentence) or FUTURE_TENSE.search(sentence)) and not re.search(
        r"\b(?:found|findings|outcome|judged|rated|took place|was carried out|feedback)\b", sentence, re.I)


# -- the publication as a whole --------------------------------------------------------------------------------------
class Veto(NamedTuple):
    reason: str
    hard: bool      # a hard veto is not even worth a look (another country's or body's inspection, a school, a budget)


def document_veto(title: str, sentences: list[Sentence], whole: str) -> Veto | None:
    """The kind of publication that is never one English council's review, or None."""
    lead = " ".join(s.text for s in sentences[:3] if s.paragraph == (sentences[0].paragraph if sentences else 0))
    if DOCUMENT_VETOES["welsh"].search(whole) and not re.search(r"\bOfsted\b", whole, re.I):
        return Veto("a Welsh inspectorate's report", True)
    named = any(_explicit_types(x, whole) for x in [title, lead])
    if (DOCUMENT_VETOES["other_body"].search(title) or DOCUMENT_VETOES["other_body"].search(lead)) and not named:
        return Veto("another inspectorate's or body's assessment", True)
    if DOCUMENT_VETOES["recruitment"].search(title) or RECRUITING_LEAD.search(lead):
        return Veto("recruitment copy", False)
    if DOCUMENT_VETOES["budget"].search(title) and not named:
        return Veto("budget monitoring", True)
    if DOCUMENT_VETOES["regulated"].search(title) and \
            not any(_explicit_types(x, whole) for x in [title] + [s.text for s in sentences]):
        return Veto("a school's, nursery's or regulated service's inspection", True)
    if _national_statistics(sentences):
        return Veto("national statistics naming many councils", False)
    if DOCUMENT_VETOES["explainer"].search(title) or re.search(r"\byour\b", title, re.I):
        return Veto("an explainer, guidance or announcement of a kind of review", False)
    # "Schools Forum - minutes": a meeting's minutes hold items of every kind, so its title vetoes nothing
    if title and _negative(title) and not REPORT_TITLE.search(title) and not re.search(r"\b(?:minutes|agenda)\b", title, re.I):
        return Veto("a title in a hard-negative context (self-assessment, readiness, peer support…)", False)
    return None


def _national_statistics(sentences: list[Sentence]) -> bool:
    stats = sum(1 for s in sentences if STATS.search(s.text) and (RATING_WORD.search(s.text) or re.search(r"\binspect", s.text, re.I))
                and re.search(r"councils|authorities|services|areas|inspections|reviews|departments", s.text, re.I))
    single = any(ONE_COUNCIL_OUTCOME.search(s.text) for s in sentences)
    return stats >= 2 and not single


def could_mention_a_review(whole: str) -> bool:
    """False only if nothing in `whole` can make it a review or worth a look: no review pattern matches the text
    even with its sentences run together (splitting into sentences and windows can only take matches away), and
    Ofsted or a peer review never meets children's services or SEND. Most council papers stop here, so each
    pattern is searched only when the text holds a word every match of it needs (`transforms/prefilter.py`):
    the same answer as `could_mention_by_scanning`, without scanning a long report for every phrase."""
    text = _run_together(whole)
    folded = fold(text)
    return (any_match(_REVIEW_SCREENS, text, folded)
            or (any_match(_LOOK_REVIEW_SCREENS, text, folded) and any_match(_LOOK_CONTEXT_SCREENS, text, folded)))


def could_mention_by_scanning(whole: str) -> bool:
    """The definition `could_mention_a_review` must agree with: every pattern scanned over the whole text."""
    text = _run_together(whole)
    return (any(p.search(text) for p in TYPE_PATTERNS.values()) or bool(PLAIN_INSPECTION.search(text))
            or bool(LOOK_REVIEW.search(text) and LOOK_CONTEXT.search(text)))


def _run_together(whole: str) -> str:
    return " ".join(re.sub(r"\(cid:\d+\)", "•", whole).split())


def classify(title: str, body: str, documents: list[str] | None = None, published: date | None = None) -> Classification:
    title, body = plain_punctuation(title), plain_punctuation(body)
    documents = [plain_punctuation(d) for d in documents or []]
    whole = "\n\n".join([title, body, *(documents or [])])
    if not could_mention_a_review(whole):
        return Classification(False, rule="no review mention outside hard-negative context")
    sentences = _sentences_with_paragraphs([body, *(documents or [])])   # the title is read apart, over all of them
    veto = document_veto(title, sentences, whole)
    framework = _framework_of(title, sentences, published)
    roundup = bool(title and ROUNDUP_TITLE.search(title) and _review_word(title + " visits"))
    title_types = mentions(title, whole, framework) if title and not _negative(title) and \
        (roundup or not GENERIC.search(title)) else set()
    if not _ofsted_context(whole):
        title_types.discard("ofsted_monitoring_visit")
    found, explicit = _collect(sentences, title, whole, framework)
    explicit |= title_types
    for t in title_types:
        found.setdefault(t, [])
    _merge_generic_into_corporate(found, title_types)
    if veto:
        return _maybe_worth_a_look(title, sentences, whole, f"not an alert: {veto.reason}", hard=veto.hard, found=found)
    reported = {t: ss for t, ss in found.items() if _is_reported(t, ss, sentences, title, title_types)
                or (roundup and t in title_types)}
    reported = {t: ss for t, ss in reported.items() if t in title_types or _review_word(title) or not _recalled_only(ss, published)}
    if not reported:
        upcoming = _announced(found, title, title_types, sentences)
        if upcoming:
            return _build(upcoming, found, title, title_types, sentences, whole, "announced", explicit)
        return _maybe_worth_a_look(title, sentences, whole, "review named but nothing reported about it" if found
                                   else "no review mention outside hard-negative context", found=found)
    return _build(list(reported), found, title, title_types, sentences, whole, None, explicit)


def _recalled_only(own: list[str], published: date | None) -> bool:
    """"Our last Ofsted inspection, in 2022, judged …" in a 2025 annual report: every mention recalls an earlier
    review, dated two or more years before the publication — background, not news (the title names no review)."""
    if not published or not own or not all(EARLIER.search(x) for x in own):
        return False
    years = [int(y) for x in own for y in YEAR.findall(x)]
    return bool(years) and max(years) <= published.year - 2


def _ofsted_context(whole: str) -> bool:
    # "Monitoring visits" by councillors to their own services are not Ofsted's.
    return bool(re.search(r"\bOfsted\b|\binspectors?\b|children'?s services|\bHMI\b", whole, re.I))


def _collect(sentences: list[Sentence], title: str, whole: str, framework: str) -> tuple[dict[str, list[str]], set[str]]:
    """Every review type each sentence (or its window) names, with the sentences; and the types named outright."""
    found: dict[str, list[str]] = {}
    explicit: set[str] = set()
    has_ofsted = _ofsted_context(whole)
    for i, s in enumerate(sentences):
        named = _explicit_types(s.text, whole)
        window = _window_mentions(sentences, i, title, whole, framework)
        explicit |= named | (window & {"ofsted_monitoring_visit"})
        types = mentions(s.text, whole, framework) | window
        if not has_ofsted:
            types.discard("ofsted_monitoring_visit")
        for t in types:
            found.setdefault(t, []).append(s.text)
    # An inspection in plain words beside one framework named outright is that framework's inspection.
    named_sif = "ofsted_sif" in explicit and "ofsted_ilacs" not in explicit
    if (framework == "ofsted_sif" or named_sif) and "ofsted_ilacs" in found and "ofsted_ilacs" not in explicit:
        found.setdefault("ofsted_sif", []).extend(found.pop("ofsted_ilacs"))
    elif "ofsted_ilacs" in explicit and "ofsted_sif" not in explicit and "ofsted_sif" in found:
        found.setdefault("ofsted_ilacs", []).extend(found.pop("ofsted_sif"))
    if "ofsted_sif" in found and "ofsted_ilacs" in found:
        _drop_earlier_framework(found)
    return found, explicit


def _drop_earlier_framework(found: dict[str, list[str]]) -> None:
    """"The last inspection had been under the SIF; the recent one under ILACS": the framework named in passing for
    an earlier inspection is not a second review."""
    for old, new in (("ofsted_sif", "ofsted_ilacs"), ("ofsted_ilacs", "ofsted_sif")):
        if old in found and new in found and all(EARLIER.search(s) or s in found[new] for s in found[old]) and \
                any(not EARLIER.search(s) for s in found[new]):
            found.pop(old)
            return


def _is_reported(review_type: str, own: list[str], sentences: list[Sentence], title: str, title_types: set[str]) -> bool:
    """A review counts when the text says it happened: a specific sentence in the paragraph of one of its mentions
    (anywhere, for the review the title names), or a title that reports a review ("… Feedback Report",
    "Ofsted Inspection Outcome", "Council rated good")."""
    if own and all(_future_only(x) for x in own) and (review_type not in title_types or (
            all(FUTURE_EVENT.search(x) for x in own) and not any(_specific(s.text) for s in sentences if not s.negative))):
        # "the second monitoring visit has been moved to September": still to come; under a title that names it
        # ("… Progress Review") too, when nothing in the text says anything happened
        return False
    if _title_reports(title) and (review_type in title_types or _review_word(title)) and (
            not sentences or any(_about_a_review(s.text) and not GENERIC.search(s.text) for s in sentences if not s.negative)):
        return True
    if _passing(review_type, own, sentences, title, title_types):
        return False
    texts = [s.text for s in sentences]
    if review_type in title_types and any(_specific(s.text) and _about_a_review(s.text) for s in sentences if not s.negative):
        return True
    for sentence in own:
        if sentence not in texts or (GENERIC.search(sentence) and not _specific(sentence)):
            continue
        here = sentences[texts.index(sentence)]
        if any(_specific(s.text) for s in sentences if s.paragraph == here.paragraph and not s.negative):
            return True
    return False


def _about_a_review(sentence: str) -> bool:
    return bool(REVIEW_NOUN.search(sentence) or re.match(r"\W*(?:this|it)\b", sentence, re.I))


REVIEW_NOUN = re.compile(r"\b(?:review|challenge|(?:re-?)?inspection|inspected|(?:re-?)?visit|visited|peers?|team|feedback|letter|findings|"
                         r"outcome|judge?ment|rated|rating|Ofsted|inspectors?|recommendations|report|overall effectiveness)\b", re.I)


def _passing(review_type: str, own: list[str], sentences: list[Sentence], title: str, title_types: set[str]) -> bool:
    """One mention, deep inside a long publication whose title names no review: an old grade recalled in a budget
    report or a council plan, not the subject of the publication."""
    if review_type in title_types or _review_word(title) or len(own) != 1 or len(sentences) < 12:
        return False
    texts = [s.text for s in sentences]
    if own[0] not in texts or texts.index(own[0]) < 4:
        return False
    i = texts.index(own[0])
    # A director's report that tells the visit over a few sentences is about it; a recalled grade stands alone.
    return not any(REVIEW_NOUN.search(texts[j]) for j in (i - 1, i + 1) if 0 <= j < len(texts))


def _title_reports(title: str) -> bool:
    return bool(title and REPORT_TITLE.search(title) and not DOCUMENT_VETOES["explainer"].search(title)
                and not re.search(r"\breports\b|\binspections\b|\bvisits\b|\bchallenges\b|\breviews\b", title, re.I))


def _review_word(text: str) -> bool:
    return bool(re.search(r"\bOfsted\b|\binspection\b|peer (?:review|challenge)|\bJTAI\b|\bILACS\b", text, re.I))


def _announced(found: dict[str, list[str]], title: str, title_types: set[str], sentences: list[Sentence]) -> list[str]:
    upcoming = []
    for t, own in found.items():
        texts = own + ([title] if t in title_types else [])
        window = " ".join(texts) + " " + " ".join(s.text for s in sentences[:6])
        if any(FUTURE_EVENT.search(x) and not GENERIC.search(x) for x in texts) or \
                (t in title_types and FUTURE_EVENT.search(window) and not DOCUMENT_VETOES["explainer"].search(title)
                 and not any(GENERIC.search(s.text) for s in sentences[:3])):
            upcoming.append(t)
    return upcoming


def _build(chosen: list[str], found: dict[str, list[str]], title: str, title_types: set[str],
           sentences: list[Sentence], whole: str, stage: str | None, explicit: set[str]) -> Classification:
    counts = {t: len(found.get(t, [])) for t in chosen}
    # A round-up of several councils is typed by what most of it reports, then by its lead, not by the one visit
    # named outright at the end.
    many = bool(title and SEVERAL_COUNCILS_TITLE.search(title))
    texts = [s.text for s in sentences]
    first = {t: min((texts.index(x) for x in found.get(t, []) if x in texts), default=len(texts)) for t in chosen}
    chosen.sort(key=lambda t: (t not in title_types, _named_only_as_earlier(t, found.get(t, [])),
                               (-counts[t], first[t]) if many else (0, 0), t not in explicit,
                               _background(found.get(t, [])),
                               -counts[t], -_latest_year(found.get(t, []))))
    primary = chosen[0]
    own = found.get(primary, [])
    area = service_area_of([title] + own, primary) or service_area_of([title] + own + _neighbours(own, sentences), primary)
    stage = stage or stage_of(title, whole, own, sentences)
    rule = "title names the review" if primary in title_types else "text reports the review"
    support = [x for x in own if FUTURE_EVENT.search(x)][:1] if stage == "announced" else \
        _best_support(own, sentences, primary in title_types)
    evidence = ([title] if primary in title_types else []) + support + \
        [s for s in own if OUTCOME.search(s) or HAPPENED.search(s)][:2]
    evidence = list(dict.fromkeys(evidence))[:3]
    if len(evidence) < 2:
        evidence += [s for s in own if s not in evidence][: 2 - len(evidence)]
    in_scope = stage != "announced" and (primary not in PEER_TYPES or area in ALERT_SERVICE_AREAS or
                                         primary == "lga_corporate_peer_challenge")
    return Classification(True, chosen, area, stage, in_scope, rule, evidence)


def _best_support(own: list[str], sentences: list[Sentence], title_names_it: bool) -> list[str]:
    """The sentence that best shows the review happened, to quote first: one giving a grade, about this review
    rather than an earlier one, near a mention of it (anywhere, when the title names it)."""
    paragraphs = {s.paragraph for s in sentences if s.text in own}
    # Where before what: `_specific` runs three patterns, the paragraph test none (a long report has thousands of
    # sentences and few near a mention).
    pool = [s.text for s in sentences if (title_names_it or s.paragraph in paragraphs) and not s.negative
            and _specific(s.text)]
    if not pool:
        return []
    score = lambda x: (bool(GRADE_GIVEN.search(x)) * 3 + (not EARLIER.search(x)) * 2 + bool(OUTCOME.search(x))
                       + (x in own))
    return [max(pool, key=score)]


def _latest_year(own: list[str]) -> int:
    # Of two reviews named outright as often, the later one is what the publication reports ("rated inadequate under
    # the SIF in 2016; the ILACS inspection in 2023 found services good").
    return max((int(y) for s in own if not _future_only(s) for y in YEAR.findall(s)), default=0)


def _neighbours(own: list[str], sentences: list[Sentence]) -> list[str]:
    texts = [s.text for s in sentences]
    idx = {texts.index(s) for s in own if s in texts}
    return [sentences[j].text for i in idx for j in (i - 1, i + 1) if 0 <= j < len(sentences) and not sentences[j].negative]


def _named_only_as_earlier(review_type: str, own: list[str]) -> bool:
    """Every mention names this very review as an earlier one ("the progress made since the focused visit in 2021"):
    it loses even to a review told only in plain words. A sentence recalling some other earlier review does not
    make this one background ("a focused visit in December … since its last inspection")."""
    pattern = TYPE_PATTERNS["peer_review" if review_type in PEER_TYPES else review_type] \
        if (review_type in PEER_TYPES or review_type in TYPE_PATTERNS) else None
    return bool(own and pattern) and all(any(pattern.search(m.group(0)) for m in EARLIER.finditer(s)) for s in own)


def _background(own: list[str]) -> bool:
    # A review every mention of which is an earlier one ("since its last inspection in 2020") is background.
    return bool(own) and all(EARLIER.search(s) for s in own)


_LOOK_CONTEXT_MORE = r"\bSEND\b|special educational needs|\bsafeguarding\b|children in care|care leavers|\bcorporate\b"
_LOOK_REVIEW_MORE = r"peer[- ](?:review|challenge)|\binspection\b|\bCQC\b"
LOOK_CONTEXT = re.compile(CHILDRENS_SERVICES.pattern + "|" + _LOOK_CONTEXT_MORE, re.I)
LOOK_REVIEW = re.compile(OFSTED_WORD.pattern + "|" + _LOOK_REVIEW_MORE, re.I)


def _screens(meanings: set[str], *more: str) -> list[Screened]:
    """The phrases of these meanings (and further patterns), one screened pattern each: the same union as
    `_union`, searched phrase by phrase so that each is skipped when the text lacks its words."""
    return [Screened.of(p.pattern) for p in PHRASES if p.meaning in meanings] + [Screened.of(m) for m in more]


_REVIEW_SCREENS = _screens({f"type:{name}" for name in TYPE_NAMES} | {"plain_inspection"})
_LOOK_REVIEW_SCREENS = _screens({"word:ofsted"}, _LOOK_REVIEW_MORE)
_LOOK_CONTEXT_SCREENS = _screens({"word:childrens_services"}, _LOOK_CONTEXT_MORE)


def _maybe_worth_a_look(title: str, sentences: list[Sentence], whole: str, why: str, hard: bool = False,
                        found: dict[str, list[str]] | None = None) -> Classification:
    """Not a review we are sure of. Worth a look when the signals are strong but incomplete: a review named outright
    in a sentence about one council (the text never says it happened), or Ofsted or a peer review, children's
    services or SEND and an outcome word in one window (an improvement plan naming no inspection, recruitment copy
    quoting a grade). A hard veto (a Welsh inspectorate, a school, another inspectorate, a budget) stays quiet."""
    base = Classification(False, rule=why)
    if hard:
        return base
    for review_type, own in (found or {}).items():
        specific = [x for x in (own or [title]) if x and not GENERIC.search(x)]
        if specific and LOOK_CONTEXT.search(" ".join([title, *own])):
            return _look(base, f"{why}; names {review_type} but does not say it happened here", specific[0])
    for i, s in enumerate(sentences):
        if s.negative:
            continue
        window = _window(sentences, i, title)
        if LOOK_REVIEW.search(window) and LOOK_CONTEXT.search(window) and RATING_WORD.search(window) and \
                (LOOK_REVIEW.search(s.text) or RATING_WORD.search(s.text)):
            return _look(base, f"{why}; a review, children's services and an outcome named together", s.text)
    return base


def _look(c: Classification, reason: str, evidence: str) -> Classification:
    c.worth_a_look, c.look_reason, c.look_evidence = True, reason, [evidence]
    return c


def _framework_of(title: str, sentences: list[Sentence], published: date | None) -> str:
    """SIF or ILACS for an inspection named in plain words: by the inspection's own year when the text gives it
    (the latest year beside an inspection and its outcome, not the year of an earlier inspection it mentions nor of
    one still to come), else SIF-only wording ("children looked after", "adequate"), else the publication date."""
    about = [s for s in [title] + [x.text for x in sentences if not x.negative]
             if re.search(r"\binspect|\bOfsted\b", s, re.I) and not EARLIER.search(s) and not _future_only(s)]
    graded = [s for s in about if PLAIN_OUTCOME.search(s)]
    latest = max((int(y) for s in (graded or about) for y in YEAR.findall(s)
                  if not published or int(y) <= published.year), default=None)
    if latest:
        return "ofsted_sif" if latest < ILACS_START.year else "ofsted_ilacs"
    if any(SIF_HINT.search(x.text) and OFSTED_WORD.search(x.text) for x in sentences) and \
            not any(TYPE_PATTERNS["ofsted_ilacs"].search(x.text) for x in sentences):
        return "ofsted_sif"
    return inspection_framework(published)


def service_area_of(sentences: list[str], review_type: str) -> str | None:
    """The service the title names, else the most specific service any sentence about the review names."""
    if review_type == "lga_corporate_peer_challenge":
        return "corporate"
    if review_type in OFSTED_TYPES:
        return "send" if review_type == "send_area_inspection" else "childrens_services"
    if sentences:
        for area, pattern in SERVICE_AREAS:
            if pattern.search(sentences[0]):
                return area
    for area, pattern in SERVICE_AREAS:
        if any(pattern.search(s) for s in sentences[1:]):
            return area
    return None


def _generic_peer_mention(sentence: str) -> bool:
    return not any(pattern.search(sentence) for _, pattern in SERVICE_AREAS)


def _merge_generic_into_corporate(found: dict[str, list[str]], title_types: set) -> None:
    """"Peer review praises council" over a text about a corporate peer challenge is that challenge, not a second review."""
    for other in ("lga_peer_challenge", "other_peer_review"):
        generic = found.get(other, [])
        if "lga_corporate_peer_challenge" not in found or other not in found or not all(map(_generic_peer_mention, generic)):
            continue
        found["lga_corporate_peer_challenge"] += found.pop(other)
        if other in title_types:
            title_types.discard(other)
            title_types.add("lga_corporate_peer_challenge")


def stage_of(title: str, text: str, own: list[str] | None = None, sentences: list[Sentence] | None = None) -> str:
    """The stage the publication reports, from what it says happened: a title about a plan or a progress review, an
    update on progress against a plan; otherwise the outcome."""
    if PROGRESS.search(title):
        return "progress_review"
    if ACTION_PLAN.search(title) or PLAN_PROGRESS.search(title):
        return "action_plan"   # "Progress against Ofsted's recommendations": an update on the plan answering it
    if re.search(r"\bupdate\b", title, re.I) and not re.search(r"\boutcome|findings|feedback|report\b", title, re.I) and \
            PLAN_PROGRESS.search(text[:3000]):
        return "action_plan"
    if any(PROGRESS.search(s.text) and _specific(s.text) for s in (sentences or [])[:20] if not s.negative):
        return "progress_review"   # "the peer team returned in June for the progress review" in the first paragraphs
    if any(PLAN_PURPOSE.search(s.text) for s in (sentences or [])[:6] if not s.negative):
        return "action_plan"       # "This report asks Cabinet to approve the action plan responding to …"
    return "outcome"


PLAN_PURPOSE = re.compile(r"\b(?:this report|the report|purpose)\b[^.]{0,60}\b(?:approv|agree|endors|adopt)\w* (?:the |an? )?"
                          r"(?:draft )?(?:action|improvement) plan\b", re.I)
