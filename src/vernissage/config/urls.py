from allauth.account import views as account_views
from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = "Vernissage"
admin.site.site_title = "Vernissage"
admin.site.index_title = _("Catalogue")
# The admin signs in through allauth too, so its rate limits and second factor apply there.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("iiif/3/", include("vernissage.images.urls")),
    path("iiif/", include("vernissage.interop.urls")),  # IIIF Presentation: iiif/presentation/
    path("linked-art/", include("vernissage.interop.linked_art_urls")),
    path("accounts/", include("allauth.urls")),
    # The names `login` and `logout` that templates use, for allauth's views (which answer
    # these paths first, under their own names).
    path("accounts/login/", account_views.login, name="login"),
    path("accounts/logout/", account_views.logout, name="logout"),
    path("", include("vernissage.site.urls")),
]
