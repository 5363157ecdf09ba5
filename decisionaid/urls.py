from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from conditions.sitemaps import SITEMAPS
from conditions.views import seo

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", seo.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", seo.security_txt, name="security_txt"),
    path("", include("conditions.urls")),
]

handler404 = "conditions.views.pages.not_found"
handler500 = "conditions.views.pages.server_error"

admin.site.site_header = "Cord blood decision aid: content"
admin.site.site_title = "Decision aid content"
