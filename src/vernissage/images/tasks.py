"""Background work on images, run by django-tasks (the database backend; immediate in tests)."""

from __future__ import annotations

from django_tasks import task

from vernissage.images import services


@task()
def pyramid_build_task(image_id: int) -> str:
    return services.image_build_pyramid(image_id=image_id)
