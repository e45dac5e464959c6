"""The labelled set: big enough, and the figures the README quotes hold."""

import pytest

from evaluation.runner import evaluate, load_cases, round_sets
from flows.cli import main

ROUNDS = {p.name[:3]: p for p in round_sets()}


def test_the_set_has_at_least_40_publications_with_hard_negatives():
    cases = load_cases()
    assert len(cases) >= 40
    assert sum(1 for c in cases if not c["is_review"]) >= 15
    assert len({c["id"] for c in cases}) == len(cases)


def test_flagging_and_fields_meet_the_bar():
    report = evaluate()
    assert report.precision("flag") >= 0.95 and report.recall("flag") >= 0.95
    for field in ("review_type", "service_area", "stage", "fieldwork", "judgements"):
        assert report.accuracy(field) >= 0.9, field


def test_evaluate_command_prints_figures(capsys):
    assert main(["evaluate"]) == 0
    out = capsys.readouterr().out
    assert "precision" in out and "recall" in out and "fieldwork" in out


@pytest.mark.parametrize("path", [p for k, p in ROUNDS.items() if k != "r10"], ids=lambda p: p.stem)
def test_the_held_out_rounds_now_pass_as_regression_sets(path):
    # Each round was scored once before its misses were fixed (README); since then it guards those fixes.
    report = evaluate(path)
    assert report.precision("flag") >= 0.95 and report.recall("flag") >= 0.95
    for field in ("review_type", "fieldwork", "judgements"):
        assert report.accuracy(field) >= 0.9, field


def test_the_third_round_keeps_its_hard_negatives_quiet_and_its_alerts_found():
    # Round 3 (issue 12) was written to test the rules tuned on the real-texts dev set; its first score is in the
    # README. Since its misses were fixed it must stay clean: no false alarm, nothing missed by both tiers.
    report = evaluate(ROUNDS["r03"])
    assert report.cases >= 60
    assert report.confusion["flag"]["fp"] == 0 and report.recall("look") == 1.0
    for field in ("stage", "service_area"):
        assert report.accuracy(field) >= 0.9, field


def test_newsletters_telling_a_neighbours_outcome_stay_quiet():
    # The sixth probe's known false alarm, and the ninth's written anew: a partnership newsletter reporting another
    # named council's outcome is not the publisher's review (fixed in round 9 by a phrase rule, `elsewhere`).
    for path, case_id in (
        (ROUNDS["r06"], "r6-neg-neighbouring-council-news"),
        (ROUNDS["r09"], "r9-neg-neighbour-outcome-newsletter"),
    ):
        report = evaluate(path)
        assert not any(m.startswith(case_id) for m in report.misses), report.misses


def test_the_tenth_probe_misses_only_its_known_staff_briefing():
    # Scored once (README); its fixed kinds must hold. Its one remaining miss is a known, unfixed kind (a staff
    # briefing naming only "the inspection team" and Ofsted, no service): it must stay in the worth-a-look tier.
    report = evaluate(ROUNDS["r10"])
    assert report.precision("flag") == 1.0 and report.recall("flag") >= 0.9 and report.recall("look") == 1.0
    assert "r10-staff-briefing-before-report" in report.worth_a_look
    for field in ("review_type", "service_area", "stage", "fieldwork", "judgements"):
        assert report.accuracy(field) >= 0.9, field
