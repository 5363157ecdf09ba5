import datetime as dt

from django.contrib import admin
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Chance,
    Claim,
    Condition,
    Country,
    DonationHospital,
    Option,
    PriceExample,
    Reading,
    ShortLink,
    Source,
    Study,
)


class ReviewDueFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("overdue", "Overdue"), ("soon", "Due within 60 days")]

    def queryset(self, request, queryset):
        today = dt.date.today()
        if self.value() == "overdue":
            return queryset.filter(next_review_due__lt=today)
        if self.value() == "soon":
            return queryset.filter(next_review_due__lt=today + dt.timedelta(days=60))
        return queryset


@admin.display(description="Next review due", ordering="next_review_due")
def review_status(obj):
    today = dt.date.today()
    days = (obj.next_review_due - today).days
    if days < 0:
        return format_html('<strong>OVERDUE since {}</strong>', obj.next_review_due)
    if days < 60:
        return format_html('<strong>{} (due in {} days)</strong>', obj.next_review_due, days)
    return obj.next_review_due


class ReviewedAdmin(SimpleHistoryAdmin):
    list_filter = [ReviewDueFilter]
    readonly_fields = []

    def get_fieldsets(self, request, obj=None):
        fields = [f for f in self.get_fields(request, obj) if f not in ("last_reviewed", "next_review_due")]
        return [("Review", {"fields": ["last_reviewed", "next_review_due"]}), (None, {"fields": fields})]


class StudyInline(admin.StackedInline):
    model = Study
    extra = 0
    autocomplete_fields = ["source"]


class ReadingInline(admin.TabularInline):
    model = Reading
    extra = 0


@admin.register(Condition)
class ConditionAdmin(ReviewedAdmin):
    list_display = ["name", "group", "research_stage", "own_blood_used", "last_reviewed", review_status, "published"]
    list_filter = [ReviewDueFilter, "group", "research_stage", "own_blood_used", "published"]
    search_fields = ["name", "slug", "summary"]
    filter_horizontal = ["sources"]
    inlines = [StudyInline, ReadingInline]


@admin.register(Option)
class OptionAdmin(ReviewedAdmin):
    list_display = ["name", "slug", "last_reviewed", review_status]
    search_fields = ["name", "slug", "summary"]
    filter_horizontal = ["sources"]


class PriceInline(admin.StackedInline):
    model = PriceExample
    extra = 0
    autocomplete_fields = ["source"]


class HospitalInline(admin.TabularInline):
    model = DonationHospital
    extra = 0
    autocomplete_fields = ["source"]


@admin.register(Country)
class CountryAdmin(ReviewedAdmin):
    list_display = ["name", "currency", "prices_checked", "donation_checked", review_status]
    search_fields = ["name", "code"]
    filter_horizontal = ["sources"]
    inlines = [PriceInline, HospitalInline]


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["key", "title", "year", "doi", "pmid"]
    search_fields = ["key", "title", "authors", "doi", "pmid", "url"]


@admin.register(Chance)
class ChanceAdmin(SimpleHistoryAdmin):
    list_display = ["key", "label", "numerator", "denominator", "low", "best", "high"]
    search_fields = ["key", "label"]
    autocomplete_fields = ["source"]


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    list_display = ["key", "topic", "research_stage", "own_blood_used"]
    list_filter = ["topic", "research_stage", "own_blood_used"]
    search_fields = ["key", "summary", "evidence"]
    filter_horizontal = ["sources", "conditions", "options"]


@admin.register(Study)
class StudyAdmin(SimpleHistoryAdmin):
    list_display = ["title", "condition", "research_stage", "participants"]
    list_filter = ["research_stage", "cell_source", "condition"]
    search_fields = ["title", "design", "result"]
    autocomplete_fields = ["source"]


@admin.register(PriceExample)
class PriceExampleAdmin(SimpleHistoryAdmin):
    list_display = ["label", "country", "product", "upfront", "annual", "seen"]
    list_filter = ["country", "product"]
    search_fields = ["label"]
    autocomplete_fields = ["source"]


@admin.register(DonationHospital)
class DonationHospitalAdmin(SimpleHistoryAdmin):
    list_display = ["name", "country", "programme", "checked"]
    list_filter = ["country"]
    search_fields = ["name", "town"]
    autocomplete_fields = ["source"]


@admin.register(ShortLink)
class ShortLinkAdmin(admin.ModelAdmin):
    list_display = ["code", "created"]
    readonly_fields = ["code", "selection", "created"]
