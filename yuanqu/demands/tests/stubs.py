"""A fixed classifier answer so workflow tests do not depend on the model's wording."""

from dataclasses import dataclass, field
from unittest import mock


@dataclass
class FixedPrediction:
    category: str = "infrastructure"
    confidence: float = 0.93
    subtype: str | None = "水电气暖"
    urgency: str = "normal"
    alternatives: list = field(default_factory=lambda: [{"category": "safety", "confidence": 0.04}])
    keywords: list = field(default_factory=lambda: ["停电"])

    def as_dict(self):
        return {"category": self.category, "confidence": self.confidence, "subtype": self.subtype,
                "urgency": self.urgency, "alternatives": self.alternatives, "keywords": self.keywords}


def fixed_classifier(**kw):
    """Patch the classifier used by services.submit with a fixed prediction."""
    return mock.patch("yuanqu.demands.services.classify_text", return_value=FixedPrediction(**kw))
