"""Background work of the market (django-tasks): a hold lapses by itself at its date."""

from __future__ import annotations

from django_tasks import task


@task()
def hold_lapse_task(hold_id: int) -> str:
    from vernissage.market.holds import hold_lapse_if_due

    return hold_lapse_if_due(hold_id=hold_id)
