from django.urls import path

from .views import (
    api,
    chances,
    claims,
    costs,
    health,
    library,
    options,
    pages,
    walkthrough,
)

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
    path("options/", options.option_list, name="option_list"),
    path("options/compare/", options.option_compare, name="option_compare"),
    path("options/<slug:slug>/", options.option_detail, name="option"),
    path("costs/", costs.cost_overview, name="costs"),
    path("costs/calculator/", costs.calculator, name="calculator"),
    path("chances/", chances.chance_list, name="chances"),
    path("clamping/", chances.clamping, name="clamping"),
    path("donate/", chances.donate, name="donate"),
    path("walkthrough/", walkthrough.walkthrough_start, name="walkthrough"),
    path("walkthrough/compare/", walkthrough.walkthrough_compare, name="walkthrough_compare"),
    path("walkthrough/<slug:step>/", walkthrough.walkthrough_step, name="walkthrough_step"),
    path("api/options/", options.api_options, name="api_options"),
    path("api/costs/calculate/", costs.api_calculate, name="api_calculate"),
    path("check/", claims.check, name="check"),
    path("claims/", claims.claim_list, name="claims"),
    path("claims/<slug:key>/", claims.claim_detail, name="claim"),
    path("api/check/", claims.api_check, name="api_check"),
    path("api/conditions/", api.condition_list, name="api_conditions"),
    path("api/conditions/<slug:slug>/", api.condition_detail, name="api_condition"),
    path("healthz", health.healthz, name="healthz"),
]
