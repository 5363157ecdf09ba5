from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("", include("conditions.urls")),
]

handler404 = "conditions.views.pages.not_found"
handler500 = "conditions.views.pages.server_error"

admin.site.site_header = "Cord blood decision aid: content"
admin.site.site_title = "Decision aid content"
