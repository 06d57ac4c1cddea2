from django.urls import path

from vernissage.site.views import (
    biographies,
    certificates,
    contacts,
    door,
    exhibitions,
    graph,
    guests,
    history,
    home,
    insights,
    invitations,
    market,
    merging,
    people,
    press,
    press_requests,
    provenance,
    rsvp,
    works,
)
from vernissage.site.views import search as search_views

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
    # Certificates of authenticity: the page their QR code opens (public, by signed link) and
    # their PDF (staff who may see contacts).
    path(
        "certificates/verify/<str:token>/",
        certificates.certificate_verify_view,
        name="certificate-verify",
    ),
    path("certificates/<int:pk>.pdf", certificates.certificate_pdf_view, name="certificate-pdf"),
    # The door of opening nights (staff who may check guests in; a 404 for everyone else).
    path("door/", door.door_index_view, name="door-index"),
    path("door/worker.js", door.door_worker_view, name="door-worker"),
    path("door/<int:opening_id>/", door.door_view, name="door"),
    path("door/<int:opening_id>/search/", door.door_search_view, name="door-search"),
    path("door/<int:opening_id>/counts/", door.door_counts_view, name="door-counts"),
    path("door/<int:opening_id>/guests.json", door.door_guests_view, name="door-guests"),
    path("door/<int:opening_id>/check-in/", door.door_check_in_view, name="door-check-in"),
    path("door/<int:opening_id>/walk-ins/", door.door_walk_in_view, name="door-walk-in"),
    # Opening nights: the guest's RSVP page and calendar file, the artist's answer page (public,
    # by unguessable link), and the staff guest list.
    path("rsvp/<str:token>/", rsvp.rsvp_view, name="rsvp"),
    path("rsvp/<str:token>/opening.ics", rsvp.rsvp_calendar_view, name="rsvp-calendar"),
    path(
        "invitations/<str:token>/",
        invitations.invitation_answer_view,
        name="invitation-answer",
    ),
    path("openings/<int:pk>/guests/", guests.guest_list_view, name="guest-list"),
    path("openings/<int:pk>/guests.csv", guests.guest_list_csv_view, name="guest-list-csv"),
    path("openings/<int:pk>/guests/add/", guests.guest_add_view, name="guest-add"),
    path("openings/<int:pk>/guests/add-tag/", guests.guest_add_tag_view, name="guest-add-tag"),
    path("openings/<int:pk>/guests/import/", guests.guest_import_view, name="guest-import"),
    path("openings/<int:pk>/guests/send/", guests.invitations_send_view, name="invitations-send"),
    path(
        "openings/<int:pk>/messages/<int:message_pk>/send-again/",
        guests.message_send_again_view,
        name="message-send-again",
    ),
    # Contacts (staff who may see contacts; a 404 for everyone else).
    path("contacts/", contacts.contact_list_view, name="contact-list"),
    path("contacts/<int:pk>/", contacts.contact_detail_view, name="contact-detail"),
    path(
        "contacts/<int:pk>/interactions/",
        contacts.interaction_add_view,
        name="interaction-add",
    ),
    path("contacts/<int:pk>/consent/", contacts.contact_consent_view, name="contact-consent"),
    path(
        "contacts/<int:pk>/export.json",
        contacts.contact_export_json_view,
        name="contact-export-json",
    ),
    path(
        "contacts/<int:pk>/export.pdf",
        contacts.contact_export_pdf_view,
        name="contact-export-pdf",
    ),
    path("contacts/<int:pk>/erase/", contacts.contact_erase_view, name="contact-erase"),
    # The market (sales): staff who may see sales; a 404 for everyone else.
    path("market/works/<slug:slug>/", market.artwork_sales_view, name="artwork-sales"),
    path("market/works/<slug:slug>/hold/", market.artwork_hold_view, name="artwork-hold"),
    path(
        "market/works/<slug:slug>/holds/<int:pk>/release/",
        market.hold_release_view,
        name="hold-release",
    ),
    path("market/works/<slug:slug>/offer/", market.artwork_offer_view, name="artwork-offer"),
    path(
        "market/works/<slug:slug>/offers/<int:pk>/answer/",
        market.offer_answer_view,
        name="offer-answer",
    ),
    path("market/works/<slug:slug>/sell/", market.artwork_sell_view, name="artwork-sell"),
    path("market/sales/<int:pk>/", market.sale_detail_view, name="sale-detail"),
    path(
        "market/sales/<int:pk>/invoice.pdf", market.sale_invoice_pdf_view, name="sale-invoice-pdf"
    ),
    path("market/sales/<int:pk>/<slug:step>/", market.sale_step_view, name="sale-step"),
    path("market/contacts/<int:pk>/", market.contact_market_view, name="contact-market"),
    path("market/payables/", market.payables_view, name="payables"),
    path("market/payables.pdf", market.payables_pdf_view, name="payables-pdf"),
    path("market/reports/sales/", market.sales_report_view, name="sales-report"),
    path("market/artists/<slug:slug>/prices/", market.artist_prices_view, name="artist-prices"),
    path(
        "people/<slug:slug>/bibliography.<slug:fmt>",
        press.person_bibliography_view,
        name="person-bibliography",
    ),
    path(
        "works/<slug:slug>/bibliography.<slug:fmt>",
        press.artwork_bibliography_view,
        name="artwork-bibliography",
    ),
    path(
        "exhibitions/<slug:slug>/bibliography.<slug:fmt>",
        press.exhibition_bibliography_view,
        name="exhibition-bibliography",
    ),
    path("people/<slug:slug>/reviews/add/", press.person_review_add_view, name="person-review-add"),
    path("press/critics/", press.critic_suggestions_view, name="critic-suggestions"),
    path(
        "people/<slug:slug>/press-requests/",
        press_requests.person_press_requests_view,
        name="person-press-requests",
    ),
    path(
        "people/<slug:slug>/press-requests/<int:pk>/answer/",
        press_requests.press_request_answer_view,
        name="person-press-request-answer",
    ),
    path(
        "exhibitions/<slug:slug>/reviews/add/",
        press.exhibition_review_add_view,
        name="exhibition-review-add",
    ),
    # The artist's CV (insights): a page and a PDF, public for public artists.
    path("people/<slug:slug>/cv/", insights.person_cv_view, name="person-cv"),
    path("people/<slug:slug>/career/", insights.person_career_view, name="person-career"),
    path("people/<slug:slug>/cv.pdf", insights.person_cv_pdf_view, name="person-cv-pdf"),
    # The people graph (public; each viewer sees the ties they may see) and its data.
    path("graph/", graph.people_graph_view, name="people-graph"),
    path("graph/data.json", graph.people_graph_data_view, name="people-graph-data"),
    # A work's provenance and certificates (staff who may see contacts; a 404 for everyone else).
    path(
        "market/works/<slug:slug>/provenance/",
        provenance.artwork_provenance_view,
        name="artwork-provenance",
    ),
    path(
        "market/works/<slug:slug>/provenance/add/",
        provenance.artwork_provenance_add_view,
        name="artwork-provenance-add",
    ),
    path(
        "market/works/<slug:slug>/certificates/",
        provenance.artwork_certificates_view,
        name="artwork-certificates",
    ),
    path(
        "market/works/<slug:slug>/certificates/issue/",
        provenance.artwork_certificate_issue_view,
        name="artwork-certificate-issue",
    ),
    path(
        "market/certificates/<int:pk>/revoke/",
        provenance.certificate_revoke_view,
        name="certificate-revoke",
    ),
    # Browsers that ask for /favicon.ico whatever the page says (issue 11: no 404 in the console).
    path("favicon.ico", home.favicon_view, name="favicon"),
    # The biography reader (issue 10).
    path("biographies/", biographies.biography_list_view, name="biography-list"),
    path("biographies/<int:pk>/", biographies.biography_review_view, name="biography-review"),
    path(
        "biographies/<int:pk>/accept/",
        biographies.biography_accept_view,
        name="biography-accept",
    ),
    # search
    path("search/", search_views.search_view, name="search"),
    # People who may be one (issue 10, item 6): staff who may merge people; a 404 for others.
    path("merges/", merging.merge_candidates_view, name="merge-candidates"),
    path("merges/keep-apart/", merging.person_keep_apart_view, name="person-keep-apart"),
    path(
        "merges/compare/<slug:keep>/<slug:merged>/",
        merging.person_merge_view,
        name="person-merge",
    ),
    path("merges/<int:pk>/", merging.person_merge_detail_view, name="person-merge-detail"),
    path("merges/<int:pk>/undo/", merging.person_unmerge_view, name="person-unmerge"),
]
