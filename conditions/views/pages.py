from django.shortcuts import render

from conditions.caching import content_page
from conditions.glossary import GLOSSARY
from conditions.models import (
    OWN_BLOOD_DEFINITIONS,
    RESEARCH_STAGE_DEFINITIONS,
    Condition,
    Option,
    OwnBloodUse,
    ResearchStage,
)


@content_page
def home(request):
    context = {
        "options": Option.objects.ordered(),
        "condition_count": Condition.objects.published().count(),
    }
    return render(request, "pages/home.html", context)


@content_page
def about(request):
    return render(request, "pages/about.html")


@content_page
def privacy(request):
    return render(request, "pages/privacy.html")


@content_page
def accessibility(request):
    return render(request, "pages/accessibility.html")


@content_page
def evidence(request):
    stages = [
        (stage, stage.label, RESEARCH_STAGE_DEFINITIONS[stage]) for stage in ResearchStage
    ]
    own_blood = [(value, value.label, OWN_BLOOD_DEFINITIONS[value]) for value in OwnBloodUse]
    context = {"stages": stages, "own_blood": own_blood, "glossary": GLOSSARY}
    return render(request, "pages/evidence.html", context)


@content_page
def glossary(request):
    return render(request, "pages/glossary.html", {"glossary": GLOSSARY})


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors or database: this must render even when they fail.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("500.html").render())
