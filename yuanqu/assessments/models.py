"""Assessment models, one module per part: firm facts, cultivation and tier results (`models_facts`),
the configurable six-capability indicator system and per-亩 settings (`models_capability`)."""

from .models_capability import *  # noqa: F403
from .models_facts import *  # noqa: F403
