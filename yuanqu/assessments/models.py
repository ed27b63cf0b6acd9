"""Assessment models, one module per part: firm facts and tier results (`models_facts`), the
configurable six-capability indicator system and per-亩 settings (`models_capability`), the
cultivation pool, plans and recognitions (`models_cultivation`)."""

from .models_capability import *  # noqa: F403
from .models_cultivation import *  # noqa: F403
from .models_facts import *  # noqa: F403
