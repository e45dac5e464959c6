"""The labelled set: big enough, and the figures the README quotes hold."""
from flows.cli import main
from pathlib import Path

import pytest

from transforms.evaluation import evaluate, load_cases

HOLDOUT_1 = Path(__file__).resolve().parents[1] / "transforms" / "evaluation_holdout.toml"
HOLDOUT_2 = HOLDOUT_1.with_name("evaluation_holdout_2.toml")
HOLDOUT_3 = HOLDOUT_1.with_name("evaluation_holdout_3.toml")
HOLDOUT_4 = HOLDOUT_1.with_name("evaluation_holdout_4.toml")
HOLDOUT_5 = HOLDOUT_1.with_name("evaluation_holdout_5.toml")
HOLDOUT_6 = HOLDOUT_1.with_name("evaluation_holdout_6.toml")
HOLDOUT_7 = HOLDOUT_1.with_name("evaluation_holdout_7.toml")
HOLDOUT_8 = HOLDOUT_1.with_name("evaluation_holdout_8.toml")
HOLDOUT_9 = HOLDOUT_1.with_name("evaluation_holdout_9.toml")
HOLDOUT_10 = HOLDOUT_1.with_name("evaluation_holdout_10.toml")
HOLDOUT_11 = HOLDOUT_1.with_name("evaluation_holdout_11.toml")
HOLDOUT_12 = HOLDOUT_1.with_name("evaluation_holdout_12.toml")
HOLDOUT_13 = HOLDOUT_1.with_name("evaluation_holdout_13.toml")
HOLDOUT_14 = HOLDOUT_1.with_name("evaluation_holdout_14.toml")
HOLDOUT_15 = HOLDOUT_1.with_name("evaluation_holdout_15.toml")
HOLDOUT_16 = HOLDOUT_1.with_name("evaluation_holdout_16.toml")
HOLDOUT_17 = HOLDOUT_1.with_name("evaluation_holdout_17.toml")
HOLDOUT_18 = HOLDOUT_1.with_name("evaluation_holdout_18.toml")
HOLDOUT_19 = HOLDOUT_1.with_name("evaluation_holdout_19.toml")
HOLDOUT_20 = HOLDOUT_1.with_name("evaluation_holdout_20.toml")
HOLDOUT_21 = HOLDOUT_1.with_name("evaluation_holdout_21.toml")
HOLDOUT_22 = HOLDOUT_1.with_name("evaluation_holdout_22.toml")
HOLDOUT_23 = HOLDOUT_1.with_name("evaluation_holdout_23.toml")
HOLDOUT_24 = HOLDOUT_1.with_name("evaluation_holdout_24.toml")
HOLDOUT_25 = HOLDOUT_1.with_name("evaluation_holdout_25.toml")


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


@pytest.mark.parametrize("path", [HOLDOUT_1, HOLDOUT_2, HOLDOUT_3, HOLDOUT_4, HOLDOUT_5, HOLDOUT_6, HOLDOUT_7,
                                  HOLDOUT_8, HOLDOUT_9, HOLDOUT_11, HOLDOUT_12, HOLDOUT_13, HOLDOUT_14, HOLDOUT_15,
                                  HOLDOUT_16, HOLDOUT_17, HOLDOUT_18, HOLDOUT_19, HOLDOUT_20,
                                  HOLDOUT_21, HOLDOUT_22, HOLDOUT_23, HOLDOUT_24, HOLDOUT_25],
                         ids=["round-1", "round-2", "round-3", "round-4", "round-5", "round-6", "round-7", "round-8",
                              "round-9", "round-11", "round-12", "round-13", "round-14", "round-15", "round-16",
                              "round-17", "round-18", "round-19", "round-20", "round-21",
                              "round-22", "round-23", "round-24", "round-25"])
def test_the_held_out_rounds_now_pass_as_regression_sets(path):
    # Each round was scored once before its misses were fixed (README); since then it guards those fixes.
    report = evaluate(path)
    assert report.precision("flag") >= 0.95 and report.recall("flag") >= 0.95
    for field in ("review_type", "fieldwork", "judgements"):
        assert report.accuracy(field) >= 0.9, field


def test_the_third_round_keeps_its_hard_negatives_quiet_and_its_alerts_found():
    # Round 3 (issue 12) was written to test the rules tuned on the real-texts dev set; its first score is in the
    # README. Since its misses were fixed it must stay clean: no false alarm, nothing missed by both tiers.
    report = evaluate(HOLDOUT_3)
    assert report.cases >= 60
    assert report.confusion["flag"]["fp"] == 0 and report.recall("look") == 1.0
    for field in ("stage", "service_area"):
        assert report.accuracy(field) >= 0.9, field


def test_newsletters_telling_a_neighbours_outcome_stay_quiet():
    # The sixth probe's known false alarm, and the ninth's written anew: a partnership newsletter reporting another
    # named council's outcome is not the publisher's review (fixed in round 9 by a phrase rule, `elsewhere`).
    for path, case_id in ((HOLDOUT_6, "r6-neg-neighbouring-council-news"), (HOLDOUT_9, "r9-neg-neighbour-outcome-newsletter")):
        report = evaluate(path)
        assert not any(m.startswith(case_id) for m in report.misses), report.misses


def test_the_tenth_probe_misses_only_its_known_staff_briefing():
    # Scored once (README); its fixed kinds must hold. Its one remaining miss is a known, unfixed kind (a staff
    # briefing naming only "the inspection team" and Ofsted, no service): it must stay in the worth-a-look tier.
    report = evaluate(HOLDOUT_10)
    assert report.precision("flag") == 1.0 and report.recall("flag") >= 0.9 and report.recall("look") == 1.0
    assert "r10-staff-briefing-before-report" in report.worth_a_look
    for field in ("review_type", "service_area", "stage", "fieldwork", "judgements"):
        assert report.accuracy(field) >= 0.9, field
