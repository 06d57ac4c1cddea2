"""The IIIF Image API 3.0, mounted at ``/iiif/3/``."""

from django.urls import path

from vernissage.images import views

app_name = "iiif"

urlpatterns = [
    path("<str:identifier>", views.base_view, name="base"),
    path("<str:identifier>/", views.base_view),
    path("<str:identifier>/info.json", views.info_view, name="info"),
    path(
        "<str:identifier>/<str:region>/<str:size>/<str:rotation>/<str:quality_format>",
        views.image_view,
        name="image",
    ),
]
