"""Assessment pages; each part keeps its own patterns module."""

from .urls_capability import urlpatterns as capability_patterns
from .urls_pool import urlpatterns as pool_patterns
from .urls_tiers import urlpatterns as tier_patterns

app_name = "assessments"
urlpatterns = [*capability_patterns, *tier_patterns, *pool_patterns]
