from django.urls import path

from vernissage.interop import linked_art_views

app_name = "linked-art"

urlpatterns = [
    path(
        "works/<slug:slug>/provenance.json",
        linked_art_views.artwork_provenance_view,
        name="artwork-provenance",
    ),
]
