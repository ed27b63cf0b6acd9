"""The cultivation pool (梯度培育库), pure: from every firm's tier results to the candidate lists of each
tier — eligible firms first, then the close ones by closeness, the recognised ones apart.

No database here: the caller loads the firms, the tier engine's results (`tiers.assess_firm`), the
titles the firms already hold and their open plans, and this module sorts and counts.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .models_cultivation import Tier

# A firm not yet eligible is a candidate when the engine puts it at least this close to the threshold
# (closeness 0..1, 1 = eligible); the rest are only counted. On the demo park 0.8 keeps firms one or
# two gaps away (研发费用还差 7.56 万元, 信用评分还差 2.6 分) and leaves out those lacking half the
# conditions; at 0.6 nearly every firm was "close" to 专精特新.
CLOSE = 0.8

ELIGIBLE, CLOSE_TO, FAR, RECOGNISED = "eligible", "close", "far", "recognised"
STANDING_LABELS = {ELIGIBLE: _("Eligible now"), CLOSE_TO: _("Close to the threshold"),
                   FAR: _("Far from the threshold"), RECOGNISED: _("Already recognised")}


@dataclass(frozen=True)
class FirmRow:
    """What a pool row shows of a firm."""

    id: int
    name: str
    industry: str = ""
    grid: str = ""
    park: str = ""


@dataclass(frozen=True)
class Entry:
    """One firm in one tier's list: its standing, the engine's result, its open plan."""

    firm: FirmRow
    tier: str
    standing: str
    result: object | None = None  # tiers.TierResult
    plan_id: int | None = None
    held: str = ""  # for recognised firms: how (e.g. "2025年认定")

    @property
    def standing_label(self) -> str:
        return str(STANDING_LABELS[self.standing])

    @property
    def has_missing(self) -> bool:
        return bool(self.result is not None and self.result.missing)


@dataclass
class TierPool:
    """One tier's candidate lists and counts."""

    tier: str
    eligible: list[Entry] = field(default_factory=list)
    close: list[Entry] = field(default_factory=list)
    recognised: list[Entry] = field(default_factory=list)
    far: int = 0
    missing: int = 0  # candidates and far firms whose result lacks data
    versions: list[str] = field(default_factory=list)  # rule versions the engine offered
    version: str = ""  # the one the lists use

    @property
    def label(self) -> str:
        return str(Tier(self.tier).label)

    @property
    def unverified(self) -> bool:
        """Whether any listed result used a band not verified against the official text."""
        return any(e.result is not None and not e.result.verified for e in self.candidates)

    @property
    def candidates(self) -> list[Entry]:
        """Eligible first, then close: the order staff work through."""
        return self.eligible + self.close

    def counts(self) -> dict:
        return {ELIGIBLE: len(self.eligible), CLOSE_TO: len(self.close), RECOGNISED: len(self.recognised),
                FAR: self.far, "missing": self.missing}


def pick(results, tier: str, version: str | None = None):
    """The result of `tier` under `version` (without it, or when the firm has no result under it, the
    first the engine lists for that tier)."""
    mine = [r for r in results if r.tier == tier]
    return next((r for r in mine if r.rule_version == version), mine[0] if mine else None)


def standing(result) -> str:
    if result.eligible is True:
        return ELIGIBLE
    return CLOSE_TO if result.closeness >= CLOSE else FAR


def _versions(results, tier) -> list[str]:
    seen = dict.fromkeys(r.rule_version for rs in results for r in rs if r.tier == tier)
    return list(seen)


def _sort(pool: TierPool):
    def score(e):
        return -(e.result.score if e.result.score is not None else -1)

    pool.eligible.sort(key=lambda e: (score(e), e.firm.name, e.firm.id))
    pool.close.sort(key=lambda e: (-e.result.closeness, score(e), e.firm.name, e.firm.id))
    pool.recognised.sort(key=lambda e: (e.firm.name, e.firm.id))


def _place(pool: TierPool, entry: Entry):
    pool.missing += entry.has_missing
    if entry.standing == FAR:
        pool.far += 1
    else:
        (pool.eligible if entry.standing == ELIGIBLE else pool.close).append(entry)


def build_tier(tier, firms, results, held, plans, *, missing=None, version=None, default=None) -> TierPool:
    """One tier's pool. `firms`: id → FirmRow; `results`: id → the engine's results; `held`: id →
    {tier: how the title is held}; `plans`: (id, tier) → open plan id; `missing`: True keeps only
    firms with missing data, False only complete ones, None both; `version`: the rule version asked
    for (ignored when it is another tier's), else `default` (the one in force), else the first."""
    pool = TierPool(tier=tier, versions=_versions(results.values(), tier))
    version = next((v for v in (version, default) if v in pool.versions), None)
    pool.version = version or (pool.versions[0] if pool.versions else "")
    for firm_id, firm in firms.items():
        plan_id = plans.get((firm_id, tier))
        result = pick(results.get(firm_id, ()), tier, version)
        if tier in held.get(firm_id, {}):
            pool.recognised.append(Entry(firm, tier, RECOGNISED, result, plan_id, held[firm_id][tier]))
        elif result is not None and (missing is None or bool(result.missing) == missing):
            _place(pool, Entry(firm, tier, standing(result), result, plan_id))
    _sort(pool)
    return pool


def build_pool(firms, results, held, plans, *, tiers=None, missing=None, version=None,
               defaults=None) -> list[TierPool]:
    """Every tier's pool (or those of `tiers`), in the order of the ladder; `defaults`: tier → the
    rule version in force."""
    chosen = [t for t in Tier.values if not tiers or t in tiers]
    defaults = defaults or {}
    return [build_tier(t, firms, results, held, plans, missing=missing, version=version,
                       default=defaults.get(t)) for t in chosen]

