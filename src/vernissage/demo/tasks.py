"""The demo's background work: its pictures, made while the site already serves."""

from __future__ import annotations

from django_tasks import task

from vernissage.demo.pictures import demo_images_make


@task()
def demo_picture_task(inventory_number: str) -> int:
    """Draw the picture of one work of the demo world, if it has none yet; its pyramid is
    then built as a task of its own. One task per picture: the workers share them out, and
    a worker that is stopped finishes the picture in hand, not all of them."""
    return demo_images_make(build_now=False, numbers={inventory_number})
