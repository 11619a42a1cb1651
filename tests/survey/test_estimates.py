"""Design-based estimates via samplics, checked against published values and an independent
linearisation written out here as a test oracle."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from scipy.stats import t as student

from lnob.survey.estimates import (
    Reliability,
    SampleDesign,
    encode_design,
    estimate_mean,
    estimate_proportions,
    single_cluster_strata,
)


@pytest.fixture(scope="module")
def nhanes() -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        from samplics import load_nhanes2
    return load_nhanes2()["data"]


NHANES = SampleDesign(weight="finalwgt", strata="stratid", cluster="psuid")


def test_mean_matches_statas_published_nhanes2_result(nhanes: pd.DataFrame) -> None:
    # Stata: svyset psuid [pw=finalwgt], strata(stratid); svy: mean zinc
    # -> 87.18207, SE .4944827, 95% CI 86.17356 88.19057 (31 design df)
    (found,) = estimate_mean(nhanes, "zinc", NHANES)
    assert found.estimate == pytest.approx(87.18207, abs=5e-5)
    assert found.stderr == pytest.approx(0.4944827, abs=5e-7)
    assert (found.ci_low, found.ci_high) == pytest.approx((86.17356, 88.19057), abs=5e-5)
    assert found.base == int(nhanes["zinc"].notna().sum())


def _oracle_domain_mean(
    frame: pd.DataFrame, y: str, domain_value: object, by: str
) -> tuple[float, float]:
    """Ratio-mean and its Taylor SE, stratified with-replacement PSUs (textbook formula)."""
    data = frame[frame[y].notna()].copy()
    data["d"] = (data[by] == domain_value).astype(float)
    w = data["finalwgt"] * data["d"]
    mean = float((w * data[y]).sum() / w.sum())
    data["z"] = w * (data[y] - mean) / w.sum()
    variance = 0.0
    for _, stratum in data.groupby("stratid"):
        totals = stratum.groupby("psuid")["z"].sum()
        n = len(totals)
        variance += n / (n - 1) * float(((totals - totals.mean()) ** 2).sum())
    return mean, variance**0.5


def test_domain_means_match_an_independent_linearisation(nhanes: pd.DataFrame) -> None:
    frame = nhanes.assign(race=nhanes["race"].map({1: "white", 2: "black", 3: "other"}))
    found = {e.domain: e for e in estimate_mean(frame, "zinc", NHANES, "race")}
    assert set(found) == {"white", "black", "other"}
    for name, item in found.items():
        mean, se = _oracle_domain_mean(frame, "zinc", name, "race")
        assert item.estimate == pytest.approx(mean, rel=1e-9)
        assert item.stderr == pytest.approx(se, rel=1e-6)


def test_proportions_are_weighted_shares_with_logit_intervals(nhanes: pd.DataFrame) -> None:
    frame = nhanes.assign(highbp=nhanes["highbp"].map({0: "no", 1: "yes"}))
    (found,) = estimate_proportions(frame, "highbp", NHANES, levels=["yes"])
    share = float((frame["finalwgt"] * (frame["highbp"] == "yes")).sum() / frame["finalwgt"].sum())
    assert found.estimate == pytest.approx(share, rel=1e-12)
    # same SE as the mean of the 0/1 indicator; logit interval with 62 PSUs - 31 strata df
    (as_mean,) = estimate_mean(frame.assign(y=(frame["highbp"] == "yes") * 1.0), "y", NHANES)
    assert found.stderr == pytest.approx(as_mean.stderr, rel=1e-9)
    t = student.ppf(0.975, 31)
    logit = np.log(share / (1 - share))
    scale = found.stderr / (share * (1 - share))
    low, high = (1 / (1 + np.exp(-(logit + s * t * scale))) for s in (-1, 1))
    assert (found.ci_low, found.ci_high) == pytest.approx((low, high), rel=1e-9)


def test_missing_answers_and_groups_are_left_out_of_bases() -> None:
    frame = pd.DataFrame(
        {
            "answer": ["yes", "no", None, "yes", "yes", "no"],
            "group": ["a", "a", "a", "b", None, "b"],
        }
    )
    found = {
        (e.domain, e.outcome): e
        for e in estimate_proportions(frame, "answer", SampleDesign(), "group")
    }
    assert found[("a", "yes")].base == 2 and found[("b", "yes")].base == 2
    assert found[("a", "yes")].estimate == pytest.approx(0.5)
    total = {e.outcome: e for e in estimate_proportions(frame, "answer", SampleDesign())}
    assert total["yes"].base == 5 and total["yes"].estimate == pytest.approx(0.6)


def test_levels_nobody_chose_get_zero_and_are_not_reliable() -> None:
    frame = pd.DataFrame({"answer": ["yes"] * 40 + ["no"] * 20})
    found = {
        e.outcome: e
        for e in estimate_proportions(
            frame, "answer", SampleDesign(), levels=["yes", "no", "dont_know"]
        )
    }
    assert found["dont_know"].estimate == 0.0 and found["dont_know"].reliable is False
    assert found["yes"].reliable is True


@pytest.mark.parametrize(
    ("base", "cv", "reliable"),
    [(30, 0.1, True), (29, 0.1, False), (100, 0.31, False), (100, None, False), (100, 0.3, True)],
)
def test_reliability_rule(base: int, cv: float | None, reliable: bool) -> None:
    assert Reliability(min_base=30, max_cv=0.3).judge(base, cv) is reliable


def test_means_of_zero_do_not_break_samplics() -> None:
    frame = pd.DataFrame({"y": [0.0] * 10 + [1.0, 3.0] * 10, "g": ["a"] * 10 + ["b"] * 20})
    found = {e.domain: e for e in estimate_mean(frame, "y", SampleDesign(), "g")}
    assert found["a"].estimate == 0.0 and found["a"].cv is None
    assert found["b"].estimate == pytest.approx(2.0)


def test_encoded_design_gives_the_same_estimates(nhanes: pd.DataFrame) -> None:
    coded, design = encode_design(nhanes, NHANES)
    assert design.strata == "__stratum_code" and coded[design.cluster].dtype == np.int64
    assert estimate_mean(coded, "zinc", design)[0].stderr == pytest.approx(0.4944827, abs=5e-7)


def test_single_cluster_strata_are_found() -> None:
    frame = pd.DataFrame({"s": ["a", "a", "b", "b"], "c": [1, 2, 3, 3]})
    assert single_cluster_strata(frame, SampleDesign(strata="s", cluster="c")) == ["b"]
    assert single_cluster_strata(frame, SampleDesign(strata="s")) == []


@pytest.mark.parametrize("seed", range(6))
def test_the_fast_cluster_count_is_samplics_own(seed: int) -> None:
    """The estimator counts (stratum, cluster) pairs with one integer per pair; samplics' own
    count, on the same codes and on the same design as text, gives the same numbers."""
    from lnob.survey.estimates import _taylor

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        from samplics import PopParam, TaylorEstimator
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 3000))
    stratum = rng.integers(0, int(rng.integers(1, 12)), n)
    psu = rng.integers(0, int(rng.integers(1, 80)), n)  # cluster codes repeat across strata
    weight = rng.random(n)
    fast, own = _taylor("prop")(), TaylorEstimator(PopParam.prop)
    assert type(fast) is not TaylorEstimator  # the fast count is in use
    for s, p in ((stratum, psu), (stratum.astype(str), psu.astype(str)), (None, psu)):
        fast._degree_of_freedom(weight, s, p)
        own._degree_of_freedom(weight, s, p)
        found = (fast.nb_psus, fast.nb_strata, fast.degree_of_freedom)
        assert found == (own.nb_psus, own.nb_strata, own.degree_of_freedom)
    pairs = len({(a, b) for a, b in zip(stratum.tolist(), psu.tolist(), strict=True)})
    fast._degree_of_freedom(weight, stratum, psu)
    assert fast.nb_psus == pairs and fast.nb_strata == len(set(stratum.tolist()))
