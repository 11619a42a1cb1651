"""Design-based proportions and means with 95% confidence intervals, computed by samplics.

samplics' ``TaylorEstimator`` does the work (Taylor linearisation with weights, strata and
clusters; logit intervals for proportions). It works here with pandas 3 and numpy 2 as long as
it is given numpy arrays and its ``to_dataframe()`` is not used (that method assigns an enum
into a string column, which pandas 3 refuses); the estimates are read from its result
dictionaries instead. Domains (breakdown groups) are estimated as subpopulations of the whole
sample, so clusters without members of a domain still count towards the variance, and rows
whose answer is missing form an excluded domain rather than being dropped from the design.

Bottom layer: imports nothing of the project.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import pandas as pd


@cache
def _taylor(parameter: str) -> Any:
    """A fresh samplics ``TaylorEstimator`` maker for "prop" or "mean".

    samplics (with statsmodels and scipy.stats) takes seconds to import, so it is imported on
    the first estimate, not when the project is imported (``declared_inputs`` needs none of it).
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # "samplics is archived" notice
        from samplics import PopParam, TaylorEstimator

    class _Estimator(TaylorEstimator):  # type: ignore[misc]
        """samplics' estimator, counting the design's clusters the fast way.

        Its ``_degree_of_freedom`` counts (stratum, cluster) pairs with
        ``np.unique([stratum, psu], axis=1)``, a sort of row pairs that took two fifths of the
        time of a 200,000-row survey (bench/bench_large_survey.py); with the integer codes this
        module passes, one integer per pair gives the same counts in a fraction of it.
        tests/survey/test_estimates.py checks both give the same numbers.
        """

        def _degree_of_freedom(
            self, samp_weight: Any, stratum: Any = None, psu: Any = None
        ) -> None:
            s = np.asarray(stratum) if stratum is not None else None
            p = np.asarray(psu) if psu is not None else None
            coded = (
                s is not None
                and p is not None
                and s.size > 1
                and p.size == s.size
                and np.issubdtype(s.dtype, np.integer)
                and np.issubdtype(p.dtype, np.integer)
                and s.min() >= 0
                and p.min() >= 0
            )
            if not coded:
                super()._degree_of_freedom(samp_weight, stratum, psu)
                return
            assert s is not None and p is not None
            self.nb_psus = np.unique(s * (int(p.max()) + 1) + p).size
            self.nb_strata = np.unique(s).size
            self.degree_of_freedom = self.nb_psus - self.nb_strata

    return lambda: _Estimator(PopParam[parameter])


TOTAL = "total"


@dataclass(frozen=True)
class SampleDesign:
    """Names of the weight, stratum and cluster (PSU) columns; any may be absent."""

    weight: str | None = None
    strata: str | None = None
    cluster: str | None = None


@dataclass(frozen=True)
class Estimate:
    """One estimate for one domain (group category) and outcome level."""

    domain: str
    outcome: str | None
    estimate: float
    ci_low: float
    ci_high: float
    stderr: float
    cv: float | None
    base: int
    reliable: bool


@dataclass(frozen=True)
class Reliability:
    """An estimate is reliable when its unweighted base and coefficient of variation allow."""

    min_base: int = 30
    max_cv: float = 0.3

    def judge(self, base: int, cv: float | None) -> bool:
        return base >= self.min_base and cv is not None and cv <= self.max_cv


@dataclass(frozen=True)
class _Coded:
    """The design as integer codes (samplics is markedly faster on integers than on text)."""

    valid: np.ndarray  # rows with an answer and a domain value
    domains: np.ndarray  # domain code per row; -1 = left out (missing answer or group)
    names: list[str]  # domain code -> category
    weight: np.ndarray
    stratum: np.ndarray | None
    psu: np.ndarray | None


def _codes(values: pd.Series) -> np.ndarray:
    if pd.api.types.is_integer_dtype(values.dtype):
        return values.to_numpy(np.int64)
    return pd.factorize(values.astype(str), sort=True)[0].astype(np.int64)


def encode_design(frame: pd.DataFrame, design: SampleDesign) -> tuple[pd.DataFrame, SampleDesign]:
    """Add integer codes of the strata and clusters once, for many estimates on one frame."""
    coded = frame.copy()
    strata = cluster = None
    if design.strata:
        strata = "__stratum_code"
        coded[strata] = _codes(frame[design.strata])
    if design.cluster:
        cluster = "__cluster_code"
        coded[cluster] = _codes(frame[design.cluster])
    return coded, SampleDesign(design.weight, strata, cluster)


def _coded(frame: pd.DataFrame, outcome: str, design: SampleDesign, domain: str | None) -> _Coded:
    groups = frame[domain] if domain else pd.Series(TOTAL, index=frame.index)
    valid = (frame[outcome].notna() & groups.notna()).to_numpy()
    codes, names = pd.factorize(groups.where(valid, None), sort=True)
    weights = frame[design.weight].to_numpy(float) if design.weight else np.ones(len(frame))
    return _Coded(
        valid=valid,
        domains=codes.astype(np.int64),
        names=[str(n) for n in names],
        weight=weights,
        stratum=_codes(frame[design.strata]) if design.strata else None,
        psu=_codes(frame[design.cluster]) if design.cluster else None,
    )


def _bases(coded: _Coded) -> dict[int, int]:
    codes, counts = np.unique(coded.domains[coded.domains >= 0], return_counts=True)
    return {int(c): int(n) for c, n in zip(codes, counts, strict=True)}


def estimate_proportions(
    frame: pd.DataFrame,
    outcome: str,
    design: SampleDesign,
    domain: str | None = None,
    levels: Sequence[str] | None = None,
    reliability: Reliability = Reliability(),
) -> list[Estimate]:
    """Share of each answer level of ``outcome`` (text values), per ``domain`` category.

    ``levels`` limits the output to these levels (a level nobody chose gets estimate 0).
    Rows with a missing answer or a missing domain value are left out of every base.
    """
    coded = _coded(frame, outcome, design, domain)
    if not coded.valid.any():
        return []
    answers, answer_names = pd.factorize(
        frame[outcome].astype(str).where(coded.valid, None), sort=True
    )
    y = np.where(coded.valid, answers, 0).astype(np.int64)
    estimator = _taylor("prop")()
    estimator.estimate(
        y=y,
        domain=coded.domains,
        coef_var=True,
        samp_weight=coded.weight,
        stratum=coded.stratum,
        psu=coded.psu,
    )
    level_of = {int(code): str(name) for code, name in enumerate(answer_names)}
    out: list[Estimate] = []
    for key, base in _bases(coded).items():

        def by_level(table: dict[Any, dict[Any, float]]) -> dict[str, float]:
            return {level_of[int(k)]: float(v) for k, v in table[key].items()}  # noqa: B023

        point, low, high = (
            by_level(estimator.point_est),
            by_level(estimator.lower_ci),
            by_level(estimator.upper_ci),
        )
        error, cvs = by_level(estimator.stderror), by_level(estimator.coef_var)
        for level in levels if levels is not None else sorted(point):
            value = point.get(level, 0.0)
            cv = cvs.get(level) if value > 0 else None
            out.append(
                Estimate(
                    domain=coded.names[key],
                    outcome=level,
                    estimate=value,
                    ci_low=low.get(level, 0.0),
                    ci_high=high.get(level, 0.0),
                    stderr=error.get(level, 0.0),
                    cv=cv,
                    base=base,
                    reliable=reliability.judge(base, cv),
                )
            )
    return out


def estimate_mean(
    frame: pd.DataFrame,
    outcome: str,
    design: SampleDesign,
    domain: str | None = None,
    reliability: Reliability = Reliability(),
) -> list[Estimate]:
    """Mean of the numeric ``outcome`` per ``domain`` category (missing values left out)."""
    coded = _coded(frame, outcome, design, domain)
    if not coded.valid.any():
        return []
    values = frame[outcome].to_numpy(float, na_value=np.nan)
    # samplics divides by each domain's mean for the CV, so a mean of exactly 0 fails there.
    # Means are shift-equivariant: estimate y - min + 1 (every domain mean >= 1), shift back.
    offset = float(np.nanmin(values[coded.valid])) - 1.0
    y = np.where(coded.valid, values - offset, 1.0)
    estimator = _taylor("mean")()
    estimator.estimate(
        y=y,
        domain=coded.domains,
        coef_var=True,
        samp_weight=coded.weight,
        stratum=coded.stratum,
        psu=coded.psu,
    )
    out = []
    for key, base in _bases(coded).items():
        value = float(estimator.point_est[key]) + offset
        error = float(estimator.stderror[key])
        cv = abs(error / value) if value else None
        out.append(
            Estimate(
                domain=coded.names[key],
                outcome=None,
                estimate=value,
                ci_low=float(estimator.lower_ci[key]) + offset,
                ci_high=float(estimator.upper_ci[key]) + offset,
                stderr=error,
                cv=cv,
                base=base,
                reliable=reliability.judge(base, cv),
            )
        )
    return out


def single_cluster_strata(frame: pd.DataFrame, design: SampleDesign) -> list[str]:
    """Strata with one cluster only, for which no design variance can be computed."""
    if not design.strata or not design.cluster:
        return []
    clusters = frame.groupby(design.strata, dropna=False)[design.cluster].nunique()
    return sorted(str(s) for s, n in clusters.items() if n < 2 and not math.isnan(n))
