from django.urls import path

from .views import api, claims, health, library, pages

app_name = "conditions"

urlpatterns = [
    path("", pages.home, name="home"),
    path("about/", pages.about, name="about"),
    path("privacy/", pages.privacy, name="privacy"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("evidence/", pages.evidence, name="evidence"),
    path("glossary/", pages.glossary, name="glossary"),
    path("conditions/", library.condition_list, name="condition_list"),
    path("conditions/<slug:slug>/", library.condition_detail, name="condition"),
    path("check/", claims.check, name="check"),
    path("claims/", claims.claim_list, name="claims"),
    path("claims/<slug:key>/", claims.claim_detail, name="claim"),
    path("api/check/", claims.api_check, name="api_check"),
    path("api/conditions/", api.condition_list, name="api_conditions"),
    path("api/conditions/<slug:slug>/", api.condition_detail, name="api_condition"),
    path("healthz", health.healthz, name="healthz"),
]
