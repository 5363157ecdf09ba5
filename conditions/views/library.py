from django.shortcuts import get_object_or_404, render

from conditions.caching import content_page
from conditions.citations import numbering, reference_list
from conditions.forms import ConditionFilterForm
from conditions.glossary import GLOSSARY
from conditions.models import Condition


@content_page
def condition_list(request):
    form = ConditionFilterForm(request.GET or None)
    conditions = Condition.objects.published()
    status = 200
    if form.is_bound and form.is_valid():
        if stage := form.cleaned_data["stage"]:
            conditions = conditions.filter(research_stage=stage)
        if own_blood := form.cleaned_data["own_blood"]:
            conditions = conditions.filter(own_blood_used=own_blood)
    elif form.is_bound:
        status = 400
    groups = {}  # keyed by the group's value, which also makes its section's stable id
    for condition in conditions:
        groups.setdefault(condition.group, []).append(condition)
    context = {"form": form, "groups": groups, "count": len(conditions)}
    return render(request, "conditions/condition_list.html", context, status=status)


@content_page
def condition_detail(request, slug):
    condition = get_object_or_404(Condition.objects.published().with_details(), slug=slug)
    studies = list(condition.studies.all())
    readings = list(condition.readings.all())
    texts = [
        condition.summary,
        condition.what_it_is,
        condition.how_common,
        condition.treatment_today,
        condition.research_stage_reason,
        condition.own_blood_reason,
        *(r.you_may_read + " " + r.studies_show for r in readings),
        *(s.result + " " + s.limitations for s in studies),
    ]
    also = [*condition.sources.all(), *(s.source for s in studies)]
    sources = reference_list(texts, also=also)
    context = {
        "condition": condition,
        "studies": studies,
        "readings": readings,
        "sources": sources,
        "refs": numbering(sources),
        "glossary": GLOSSARY,
    }
    return render(request, "conditions/condition_detail.html", context)
