from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

admin.site.site_header = "Vernissage"
admin.site.site_title = "Vernissage"
admin.site.index_title = "Catalogue"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("iiif/3/", include("vernissage.images.urls")),
    path("iiif/", include("vernissage.interop.urls")),  # IIIF Presentation: iiif/presentation/
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("vernissage.site.urls")),
]
