"""Background work for demands, enqueued after the submitting transaction has committed."""

from django_tasks import task

from .models import Demand


@task()
def refine_suggestion(demand_id: int, recategorise: bool) -> bool:
    """Replace a new demand's quick lexical suggestion by the full model's (services.refine_suggestion)."""
    from .services import refine_suggestion as refine  # services enqueue this task

    demand = Demand.objects.filter(pk=demand_id).select_related("category").first()
    return demand is not None and refine(demand, recategorise=recategorise)
