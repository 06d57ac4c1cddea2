"""The demo's background work: its pictures, made while the site already serves."""

from __future__ import annotations

from django_tasks import task

from vernissage.demo.pictures import demo_images_make


@task()
def demo_pictures_task() -> int:
    """Draw the picture of each work of the demo world that has none; each pyramid is then
    built by a worker as its own task, so the first pictures show while the rest are drawn."""
    return demo_images_make(build_now=False)
