"""The engine's values: a document to index, a query, a ranked hit."""

from dataclasses import dataclass, field

KINDS = ("product", "capability", "need", "service", "policy", "technology")
SUPPLY_KINDS = ("product", "capability")
KIND_NAMES = (*KINDS, "")  # by the index stored in a segment; -1 (no known kind) reads as ""


class MatchError(ValueError):
    """A query or document the engine refuses; the message is for the user (Chinese)."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


@dataclass(frozen=True)
class Doc:
    """One resource as the engine sees it; id is the Resource primary key."""

    id: int
    kind: str
    title: str
    description: str = ""
    tags: tuple[str, ...] = ()
    industry_code: str = ""
    park_id: int = 0
    owner_id: int = 0
    prior: float = 0.0  # past outcomes: > 0 when staff accepted it more often than they rejected it


@dataclass(frozen=True)
class Query:
    """What is asked: the text, the kinds allowed (empty: all), the kind wanted (a soft preference),
    the asking park and firm (its industry code and its own resources, which are never suggested), the
parks whose resources may be returned."""

    text: str
    kinds: tuple[str, ...] = ()
    want: str = ""
    park_id: int = 0
    industry_code: str = ""
    exclude_owner: int = 0
    parks: tuple[int, ...] = ()  # only resources of these parks (empty: any park)
    limit: int = 10


@dataclass(frozen=True)
class Hit:
    """One ranked result: the document id, its score, why (Chinese sentences) and the features."""

    id: int
    score: float
    reasons: tuple[str, ...] = ()
    features: dict = field(default_factory=dict)
