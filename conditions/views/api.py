from django.http import JsonResponse

from conditions.citations import strip_citations
from conditions.models import Condition, Source

NOT_FOUND = "There is no condition at this address. /api/conditions/ lists them all."


def _source(source: Source) -> dict:
    return {
        "key": source.key,
        "authors": source.authors,
        "title": source.title,
        "year": source.year,
        "publication": source.publication,
        "doi": source.doi or None,
        "pmid": source.pmid or None,
        "url": source.url or None,
        "link": source.link,
    }


def _condition(request, condition: Condition) -> dict:
    return {
        "slug": condition.slug,
        "name": condition.name,
        "research_stage": condition.research_stage,
        "own_blood_used": condition.own_blood_used,
        "last_reviewed": condition.last_reviewed.isoformat(),
        "next_review_due": condition.next_review_due.isoformat(),
        "url": request.build_absolute_uri(condition.get_absolute_url()),
    }


def condition_list(request):
    conditions = Condition.objects.published()
    return JsonResponse({"conditions": [_condition(request, c) for c in conditions]})


def condition_detail(request, slug):
    condition = Condition.objects.published().with_details().filter(slug=slug).first()
    if condition is None:
        return JsonResponse({"error": NOT_FOUND}, status=404)
    studies = [
        {
            "title": study.title,
            "design": study.design,
            "participants": study.participants,
            "population": study.population,
            "cell_source": study.cell_source,
            "cells_used": study.cells_used,
            "comparison": study.comparison,
            "follow_up": study.follow_up,
            "result": strip_citations(study.result),
            "limitations": strip_citations(study.limitations),
            "research_stage": study.research_stage,
            "source": _source(study.source),
        }
        for study in condition.studies.all()
    ]
    data = {
        **_condition(request, condition),
        "summary": strip_citations(condition.summary),
        "own_blood_reason": strip_citations(condition.own_blood_reason),
        "studies": studies,
        "sources": [_source(s) for s in condition.sources.all()],
    }
    return JsonResponse(data)
