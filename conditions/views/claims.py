"""The claim checker (/check/ and its API) and the claims library (/claims/).

Privacy: the pasted text is only held in memory while the response is built. It is never
stored, never logged (these views log nothing, and the access log records only the
path), and checking sets no cookie."""

import json
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from conditions import claims as checker
from conditions.caching import content_page, parent_page
from conditions.citations import numbering, reference_list
from conditions.forms import ClaimCheckForm
from conditions.models import Claim, OwnBloodUse, ResearchStage, Topic


def _body_too_large(request) -> bool:
    """Refuse a body over the limit from its declared length, before reading it."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE


@dataclass(frozen=True)
class Row:
    """A sentence of the pasted text; for a claim, its number and, if the same claim came
    earlier, the number where its evidence is shown."""

    text: str
    claim: Claim | None = None
    number: int | None = None
    same_as: int | None = None


def checked_text(text: str) -> dict:
    """The text's sentences, each with the Claim record it makes (or None), and counts."""
    sentences = checker.check_sentences(text, matcher=checker.current_matcher())
    keys = {s.match.key for s in sentences if s.match}
    records = Claim.objects.with_links().in_bulk(keys, field_name="key") if keys else {}
    rows, found, first = [], [], {}
    for sentence in sentences:
        claim = records.get(sentence.match.key) if sentence.match else None
        if claim is None:
            rows.append(Row(sentence.text))
            continue
        found.append(claim)
        rows.append(Row(sentence.text, claim, len(found), first.get(claim.key)))
        first.setdefault(claim.key, len(found))
    standard = ResearchStage.STANDARD_CARE
    return {
        "rows": rows,
        "claims_found": len(found),
        "distinct": len({claim.key for claim in found}),
        "in_research": sum(claim.research_stage != standard for claim in found),
        "own_blood_standard": sum(claim.own_blood_used == OwnBloodUse.STANDARD for claim in found),
        "claims": list({claim.key: claim for claim in found}.values()),
    }


# The check changes nothing on the server and stores nothing, so there is nothing for a
# forged request to do: it needs no CSRF token. Exempting it also means no CSRF cookie,
# so checking a text sets no cookie at all.
@parent_page
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def check(request):
    form, result, status = ClaimCheckForm(), None, 200
    if request.method == "POST":
        try:
            if _body_too_large(request):
                raise RequestDataTooBig
            form = ClaimCheckForm(request.POST)
        except RequestDataTooBig:
            form = ClaimCheckForm()
            context = {"form": form, "too_large": checker.ERROR_BODY_TOO_LARGE}
            return render(request, "claims/check.html", context, status=413)
        if form.is_valid():
            result = checked_text(form.cleaned_data["text"])
        else:
            status = 413 if form.has_error("text", "max_length") else 400
    context = {"form": form, "result": result}
    if result:
        texts = [text for c in result["claims"] for text in (c.evidence, c.own_blood_reason)]
        sources = reference_list(texts, also=_sources(result))
        refs = numbering(sources)
        for claim in result["claims"]:
            claim.cited_sources = _in_reference_order(claim, refs)
        context.update(sources=sources, refs=refs)
    return render(request, "claims/check.html", context, status=status)


def _in_reference_order(claim: Claim, refs: dict[str, int]) -> list:
    return sorted(claim.sources.all(), key=lambda source: refs.get(source.key, len(refs) + 1))


def _sources(result) -> list:
    return [source for claim in result["claims"] for source in claim.sources.all()]


def _api_error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@csrf_exempt  # as for check(): nothing is changed or stored, so no token and no cookie
@require_POST
def api_check(request):
    if _body_too_large(request):
        return _api_error(checker.ERROR_BODY_TOO_LARGE, 413)
    try:
        body = request.body.decode("utf-8")
    except RequestDataTooBig:
        return _api_error(checker.ERROR_BODY_TOO_LARGE, 413)
    except UnicodeDecodeError:
        return _api_error(checker.ERROR_NOT_UTF8, 400)
    try:
        data = json.loads(body)
    except ValueError:
        return _api_error(checker.ERROR_NOT_JSON, 400)
    text = data.get("text") if isinstance(data, dict) else None
    if not isinstance(text, str) or not _encodable(text):
        return _api_error(checker.ERROR_NO_TEXT, 400)
    if not text.strip():
        return _api_error(checker.ERROR_EMPTY, 400)
    if len(text) > checker.MAX_CHARACTERS:
        return _api_error(checker.too_long_message(len(text)), 413)
    result = checked_text(text)
    sentences = [
        {"text": row.text, "claim": _claim_json(request, row.claim) if row.claim else None}
        for row in result["rows"]
    ]
    return JsonResponse({"claims_found": result["claims_found"], "sentences": sentences})


def _encodable(text: str) -> bool:
    """False for text holding lone surrogates ("\\ud800"), which no page can show."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _claim_json(request, claim: Claim) -> dict:
    return {
        "id": claim.key,
        "topic": claim.topic,
        "summary": claim.summary,
        "research_stage": claim.research_stage,
        "own_blood_used": claim.own_blood_used,
        "url": request.build_absolute_uri(claim.get_absolute_url()),
    }


# --- The claims library ---------------------------------------------------------------


@content_page
def claim_list(request):
    claims = Claim.objects.all()
    labels = dict(Topic.choices)
    groups: dict[str, list[Claim]] = {}
    for claim in claims:
        groups.setdefault(claim.topic, []).append(claim)
    topics = [
        (topic, labels.get(topic, topic), groups[topic])
        for topic in Topic.values
        if topic in groups
    ]
    return render(request, "claims/claim_list.html", {"topics": topics, "count": len(claims)})


@content_page
def claim_detail(request, key):
    claim = get_object_or_404(Claim.objects.with_links(), key=key)
    sources = reference_list([claim.evidence, claim.own_blood_reason], also=claim.sources.all())
    refs = numbering(sources)
    claim.cited_sources = _in_reference_order(claim, refs)
    context = {"claim": claim, "sources": sources, "refs": refs}
    return render(request, "claims/claim_detail.html", context)
