from django.urls import path

from vernissage.interop import views

app_name = "interop"

urlpatterns = [
    path(
        "presentation/works/<slug:slug>/manifest.json",
        views.artwork_manifest_view,
        name="artwork-manifest",
    ),
    path(
        "presentation/people/<slug:slug>/collection.json",
        views.person_collection_view,
        name="person-collection",
    ),
]
