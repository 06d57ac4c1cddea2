from django.urls import path

from vernissage.site.views import exhibitions, history, home, people, works

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
]
