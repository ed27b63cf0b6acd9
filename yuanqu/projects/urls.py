"""Project pages; each part keeps its own patterns module (tracking, planning views, dispatch, the map)."""

from .urls_dispatch import urlpatterns as dispatch_patterns
from .urls_map import urlpatterns as map_patterns
from .urls_plan import urlpatterns as plan_patterns
from .urls_projects import urlpatterns as project_patterns

app_name = "projects"
urlpatterns = [*project_patterns, *plan_patterns, *dispatch_patterns, *map_patterns]
