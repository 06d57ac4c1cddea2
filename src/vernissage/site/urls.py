from django.urls import path

from vernissage.site.views import door, exhibitions, history, home, people, works

app_name = "site"

urlpatterns = [
    path("", home.home_view, name="home"),
    path("artists/", people.artist_list_view, name="artist-list"),
    path("people/<slug:slug>/", people.person_detail_view, name="person-detail"),
    path("people/<slug:slug>/history/", history.person_history_view, name="person-history"),
    path("works/", works.artwork_list_view, name="artwork-list"),
    path("works/<slug:slug>/", works.artwork_detail_view, name="artwork-detail"),
    path("works/<slug:slug>/history/", history.artwork_history_view, name="artwork-history"),
    path("works/<slug:slug>/mirador/", works.artwork_mirador_view, name="artwork-mirador"),
    # Exhibitions (exhcore): the public pages and their PDFs.
    path("exhibitions/", exhibitions.exhibition_list_view, name="exhibition-list"),
    path("exhibitions/<slug:slug>/", exhibitions.exhibition_detail_view, name="exhibition-detail"),
    path(
        "exhibitions/<slug:slug>/checklist.pdf",
        exhibitions.exhibition_checklist_pdf_view,
        name="exhibition-checklist-pdf",
    ),
    path(
        "exhibitions/<slug:slug>/price-list.pdf",
        exhibitions.exhibition_price_list_pdf_view,
        name="exhibition-price-list-pdf",
    ),
    # The door of opening nights (staff who may check guests in; a 404 for everyone else).
    path("door/", door.door_index_view, name="door-index"),
    path("door/worker.js", door.door_worker_view, name="door-worker"),
    path("door/<int:opening_id>/", door.door_view, name="door"),
    path("door/<int:opening_id>/search/", door.door_search_view, name="door-search"),
    path("door/<int:opening_id>/counts/", door.door_counts_view, name="door-counts"),
    path("door/<int:opening_id>/guests.json", door.door_guests_view, name="door-guests"),
    path("door/<int:opening_id>/check-in/", door.door_check_in_view, name="door-check-in"),
    path("door/<int:opening_id>/walk-ins/", door.door_walk_in_view, name="door-walk-in"),
]
