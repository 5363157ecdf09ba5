"""Thin models for the decision aid's content. The content itself lives in data files
under conditions/content/ and is loaded by `manage.py load_content`; see content.py.

Long text fields may cite sources inline as [@source-key]; templates turn each marker
into a numbered link to the page's reference list (see templatetags/aid.py)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords


class ResearchStage(models.TextChoices):
    LAB = "lab", "Laboratory studies only"
    ANIMAL = "animal", "Animal studies"
    CASE_REPORTS = "case_reports", "Case reports"
    EARLY_HUMAN = "early_human", "Early studies in people"
    CONTROLLED_TRIALS = "controlled_trials", "Controlled trials"
    LARGE_RCTS = "large_rcts", "Large randomised trials"
    STANDARD_CARE = "standard_care", "Standard care"


# Shown on /evidence/ and beside every stage label. Ordered from weakest to strongest.
RESEARCH_STAGE_DEFINITIONS = {
    ResearchStage.LAB: (
        "Cells have only been tested in dishes in a laboratory. Nobody has been treated."
    ),
    ResearchStage.ANIMAL: (
        "The treatment has been tried in animals such as mice or pigs, not in people. "
        "Most treatments that work in animals do not work in people."
    ),
    ResearchStage.CASE_REPORTS: (
        "Doctors have described what happened to one person or a handful of people. "
        "There was no comparison group, so we cannot tell if the treatment caused the change."
    ),
    ResearchStage.EARLY_HUMAN: (
        "Small studies in people, usually to check safety and dose, without a proper "
        "comparison group. They cannot show that a treatment works."
    ),
    ResearchStage.CONTROLLED_TRIALS: (
        "Trials that compared treated people with a similar group who were not treated, "
        "or who had a dummy treatment. Usually a few dozen to a few hundred people."
    ),
    ResearchStage.LARGE_RCTS: (
        "Large trials where people were put into groups by chance (randomised), often "
        "in many hospitals. This is the strongest test of whether a treatment works."
    ),
    ResearchStage.STANDARD_CARE: (
        "Doctors use this treatment routinely. It is in national guidelines and is "
        "offered to patients outside research."
    ),
}

RESEARCH_STAGE_ORDER = [choice.value for choice in ResearchStage]


class OwnBloodUse(models.TextChoices):
    STANDARD = "standard", "Yes, in standard care"
    IN_TRIALS = "in_trials", "Only in research trials"
    NO = "no", "No"
    UNKNOWN = "unknown", "Not known"


OWN_BLOOD_DEFINITIONS = {
    OwnBloodUse.STANDARD: "Doctors use a child's own stored cord blood for this in routine care.",
    OwnBloodUse.IN_TRIALS: (
        "A child's own stored cord blood has only been used for this inside research trials."
    ),
    OwnBloodUse.NO: (
        "A child's own stored cord blood is not what is used: treatments use cells from a "
        "donor, or other kinds of cells."
    ),
    OwnBloodUse.UNKNOWN: "There is not enough information to say.",
}


class CellSource(models.TextChoices):
    OWN_CORD_BLOOD = "own_cord_blood", "The child's own cord blood"
    SIBLING_CORD_BLOOD = "sibling_cord_blood", "A brother's or sister's cord blood"
    DONOR_CORD_BLOOD = "donor_cord_blood", "Donated cord blood from a stranger"
    DONOR_CORD_BLOOD_CELLS = (
        "donor_cord_blood_cells",
        "Cells grown in a lab from donated cord blood",
    )
    CORD_TISSUE = "cord_tissue", "Cells from donated umbilical cord tissue"
    FAT = "fat", "Cells from fat"
    BONE_MARROW = "bone_marrow", "Cells from bone marrow"
    OWN_SKIN = "own_skin", "The patient's own skin cells"
    ADULT_DONOR = "adult_donor", "Blood stem cells from an adult donor"
    OTHER = "other", "Other cells"


class Reviewed(models.Model):
    """Every content page shows when it was last reviewed and when it is next due."""

    last_reviewed = models.DateField()
    next_review_due = models.DateField()

    class Meta:
        abstract = True


def review_dates_in_order(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(next_review_due__gt=models.F("last_reviewed")),
        name=f"{name}_next_review_after_last",
    )


class Source(models.Model):
    """A study, guideline or web page, defined once and cited by key everywhere."""

    key = models.SlugField(max_length=80, unique=True)
    authors = models.CharField(max_length=400, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    title = models.CharField(max_length=500)
    publication = models.CharField(max_length=300, blank=True, help_text="Journal or publisher")
    doi = models.CharField(max_length=200, blank=True)
    pmid = models.CharField(max_length=20, blank=True)
    url = models.URLField(max_length=500, blank=True)
    note = models.TextField(blank=True, help_text="Which part was read, caveats")

    history = HistoricalRecords()

    class Meta:
        ordering = ["key"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(doi="") | ~Q(pmid="") | ~Q(url=""),
                name="source_has_doi_pmid_or_url",
            )
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.title}"

    @property
    def link(self) -> str:
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        return self.url


class ConditionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def with_details(self):
        return self.prefetch_related(
            "sources",
            models.Prefetch("studies", queryset=Study.objects.select_related("source")),
            "readings",
        )


class Condition(Reviewed):
    class Group(models.TextChoices):
        MARKETED = "marketed", "Named in cord blood marketing"
        STANDARD_CARE = "standard_care", "Where cord blood transplants are standard care"
        IN_TRIALS = "in_trials", "Often marketed, still in trials"

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    group = models.CharField(max_length=20, choices=Group.choices)
    summary = models.TextField(help_text="Plain English, reading grade 8 or lower")
    what_it_is = models.TextField()
    how_common = models.TextField()
    treatment_today = models.TextField()
    research_stage = models.CharField(max_length=20, choices=ResearchStage.choices)
    research_stage_reason = models.TextField(blank=True)
    own_blood_used = models.CharField(max_length=20, choices=OwnBloodUse.choices)
    own_blood_reason = models.TextField()
    sources = models.ManyToManyField(Source, related_name="conditions", blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    published = models.BooleanField(default=True)

    history = HistoricalRecords(m2m_fields=[sources])
    objects = ConditionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        constraints = [review_dates_in_order("condition")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("conditions:condition", args=[self.slug])


class Study(models.Model):
    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="studies")
    key = models.SlugField(max_length=80)
    title = models.CharField(max_length=300, help_text="A short plain name for the study")
    design = models.TextField()
    participants = models.PositiveIntegerField(null=True, blank=True)
    population = models.TextField(help_text="Who took part")
    cells_used = models.TextField()
    cell_source = models.CharField(max_length=30, choices=CellSource.choices)
    comparison = models.TextField(help_text="What the treated group was compared with")
    follow_up = models.CharField(max_length=200)
    result = models.TextField(help_text="The main result, in absolute numbers")
    limitations = models.TextField()
    research_stage = models.CharField(max_length=20, choices=ResearchStage.choices)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="studies")
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["condition", "order", "id"]
        verbose_name_plural = "studies"
        constraints = [
            models.UniqueConstraint(fields=["condition", "key"], name="study_key_per_condition")
        ]

    def __str__(self) -> str:
        return self.title


class Reading(models.Model):
    """'What you may read' (a marketing claim in neutral words, naming no company)
    beside 'what the studies show'."""

    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="readings")
    you_may_read = models.TextField()
    studies_show = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["condition", "order", "id"]

    def __str__(self) -> str:
        return self.you_may_read[:80]


class OptionQuerySet(models.QuerySet):
    def ordered(self):
        return self.prefetch_related("sources").order_by("order", "name")


# Every option has exactly these fields, in this order: (field, the parent's question).
OPTION_QUESTIONS = [
    ("what_it_is", "What is it?"),
    ("before_birth", "What happens before the birth?"),
    ("at_birth", "What happens at the birth?"),
    ("after_birth", "What happens after the birth?"),
    ("who_can_use", "Who can use the cells?"),
    ("chance_of_use", "How likely is it that the cells are used?"),
    ("cost_to_family", "What does it cost the family?"),
    ("regulation", "Who checks the quality?"),
    ("if_bank_closes", "What if the bank closes?"),
]

# The side-by-side table answers each question, and sums up the positives and negatives,
# in one short line per option (the full answers are on each option's page).
OPTION_GLANCE_KEYS = [name for name, _ in OPTION_QUESTIONS] + ["positives", "negatives"]


class Option(Reviewed):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    summary = models.TextField(help_text="Plain English, reading grade 8 or lower")
    what_it_is = models.TextField()
    before_birth = models.TextField()
    at_birth = models.TextField()
    after_birth = models.TextField()
    who_can_use = models.TextField()
    chance_of_use = models.TextField()
    cost_to_family = models.TextField()
    regulation = models.TextField()
    if_bank_closes = models.TextField()
    positives = models.JSONField(default=list, help_text="A list of short sentences")
    negatives = models.JSONField(default=list, help_text="A list of short sentences")
    at_a_glance = models.JSONField(
        default=dict,
        blank=True,
        help_text="One short line per question for the side-by-side table: "
        + ", ".join(OPTION_GLANCE_KEYS),
    )
    sources = models.ManyToManyField(Source, related_name="options", blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords(m2m_fields=[sources])
    objects = OptionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        constraints = [review_dates_in_order("option")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("conditions:option", args=[self.slug])

    def clean(self):
        super().clean()
        glance = self.at_a_glance
        if not glance:
            return
        if not isinstance(glance, dict) or set(glance) != set(OPTION_GLANCE_KEYS):
            raise ValidationError(
                {"at_a_glance": "Give one short line for each of: " + ", ".join(OPTION_GLANCE_KEYS)}
            )
        if not all(isinstance(text, str) and text.strip() for text in glance.values()):
            raise ValidationError({"at_a_glance": "Every line must be non-empty text."})

    def glance(self, name: str):
        """The short answer for the side-by-side table, or the full answer if none is given."""
        if self.at_a_glance.get(name):
            return self.at_a_glance[name]
        return getattr(self, name)


class Country(Reviewed):
    code = models.SlugField(max_length=10, unique=True)
    name = models.CharField(max_length=80)
    currency = models.CharField(max_length=3, help_text="ISO 4217 code, e.g. GBP")
    currency_symbol = models.CharField(max_length=8)
    order = models.PositiveSmallIntegerField(default=0)
    prices_checked = models.DateField(help_text="When the price examples were last checked")
    # Presets for the cost calculator (examples, not quotes).
    preset_upfront = models.DecimalField(max_digits=12, decimal_places=2)
    preset_annual = models.DecimalField(max_digits=12, decimal_places=2)
    preset_years = models.PositiveSmallIntegerField(default=20)
    preset_rise = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    preset_tissue_upfront = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    preset_tissue_annual = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    preset_note = models.TextField(blank=True, help_text="Where the preset figures come from")
    donation_summary = models.TextField(help_text="Where public donation is possible")
    donation_deadline = models.TextField(
        blank=True, help_text="When to arrange public donation, if the programme says"
    )
    if_hospital_does_not_collect = models.TextField()
    donation_checked = models.DateField(help_text="When the list of hospitals was checked")
    sources = models.ManyToManyField(Source, related_name="countries", blank=True)

    history = HistoricalRecords(m2m_fields=[sources])

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "countries"
        constraints = [review_dates_in_order("country")]

    def __str__(self) -> str:
        return self.name


class Product(models.TextChoices):
    CORD_BLOOD = "cord_blood", "Cord blood"
    CORD_BLOOD_AND_TISSUE = "cord_blood_and_tissue", "Cord blood and cord tissue"


class PriceExample(models.Model):
    """A published price, with its source and the date it was seen. An example, not a quote."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="prices")
    key = models.SlugField(max_length=80)
    label = models.CharField(max_length=200, help_text="Describe the bank; do not name it")
    product = models.CharField(max_length=30, choices=Product.choices)
    upfront = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    annual = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    years_covered = models.PositiveSmallIntegerField(null=True, blank=True)
    total = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    description = models.TextField(blank=True)
    seen = models.DateField(help_text="When this price was seen")
    price_year = models.PositiveSmallIntegerField(help_text="The year the price applied")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="prices")
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["country", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["country", "key"], name="price_key_per_country"),
            models.CheckConstraint(
                condition=Q(upfront__isnull=False) | Q(annual__isnull=False) | Q(total__isnull=False),
                name="price_has_an_amount",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class DonationHospital(models.Model):
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="hospitals")
    name = models.CharField(max_length=200)
    town = models.CharField(max_length=120, blank=True)
    programme = models.CharField(max_length=200, help_text="Which public bank collects there")
    checked = models.DateField(help_text="When this was checked")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="hospitals")
    note = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["country", "name"]
        constraints = [
            models.UniqueConstraint(fields=["country", "name"], name="hospital_name_per_country")
        ]

    def __str__(self) -> str:
        return self.name


class Chance(models.Model):
    """A probability as published: never a bare percentage. low/best/high are
    probabilities between 0 and 1 over the stated population and time period."""

    key = models.SlugField(max_length=80, unique=True)
    label = models.CharField(max_length=200)
    numerator = models.DecimalField(max_digits=12, decimal_places=2)
    denominator = models.PositiveIntegerField()
    population = models.CharField(max_length=300)
    time_period = models.CharField(max_length=200)
    low = models.FloatField()
    best = models.FloatField(null=True, blank=True)
    high = models.FloatField()
    explanation = models.TextField()
    caveat = models.TextField(blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="chances")
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(low__gte=0) & Q(high__lte=1) & Q(low__lte=models.F("high")),
                name="chance_range_in_order",
            ),
            models.CheckConstraint(
                condition=Q(best__isnull=True)
                | (Q(best__gte=models.F("low")) & Q(best__lte=models.F("high"))),
                name="chance_best_within_range",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Topic(models.TextChoices):
    PROBABILITY_OF_USE = "probability_of_use", "Chance of using the cells"
    NUMBER_OF_DISEASES = "number_of_diseases", "Number of diseases treated"
    ECZEMA = "eczema", "Eczema"
    PSORIASIS = "psoriasis", "Psoriasis"
    BURNS = "burns", "Burns"
    SCARS = "scars", "Scars"
    AUTISM = "autism", "Autism"
    CEREBRAL_PALSY = "cerebral_palsy", "Cerebral palsy"
    DIABETES = "diabetes", "Diabetes"
    LEUKAEMIA = "leukaemia", "Leukaemia"
    SICKLE_CELL = "sickle_cell", "Sickle cell disease"
    SIBLING_MATCH = "sibling_match", "Matching a brother or sister"
    FUTURE_THERAPIES = "future_therapies", "Future treatments"
    CORD_TISSUE_MSC = "cord_tissue_msc", "Cord tissue cells"
    STORAGE_DURATION = "storage_duration", "How long cells keep"
    DELAYED_CLAMPING = "delayed_clamping", "Delayed cord clamping"
    PUBLIC_VS_PRIVATE = "public_vs_private", "Public and private banks"
    COST = "cost", "Cost and value"
    URGENCY_ONE_CHANCE = "urgency_one_chance", "Pressure to decide"
    REGULATORY_T_CELLS = "regulatory_t_cells", "Regulatory T cells"
    ACCREDITATION = "accreditation", "Licences and accreditation"
    STORAGE_METHOD = "storage_method", "How the blood is stored"


class ClaimQuerySet(models.QuerySet):
    def with_links(self):
        return self.prefetch_related("sources", "conditions", "options")


class Claim(models.Model):
    """A claim parents meet in marketing, in neutral words, with what the evidence shows.
    `phrasings` are example wordings (marketing quoted as such) used to recognise it."""

    key = models.SlugField(max_length=80, unique=True)
    topic = models.CharField(max_length=30, choices=Topic.choices)
    summary = models.TextField(help_text="The claim in neutral words")
    evidence = models.TextField(help_text="What the evidence shows")
    research_stage = models.CharField(max_length=20, choices=ResearchStage.choices)
    own_blood_used = models.CharField(max_length=20, choices=OwnBloodUse.choices)
    own_blood_reason = models.TextField(blank=True)
    phrasings = models.JSONField(
        default=list, help_text="Marketing wordings of this claim, quoted, for recognising it"
    )
    conditions = models.ManyToManyField(Condition, related_name="claims", blank=True)
    options = models.ManyToManyField(Option, related_name="claims", blank=True)
    sources = models.ManyToManyField(Source, related_name="claims", blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords(m2m_fields=[sources, conditions, options])
    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["topic", "order", "key"]

    def __str__(self) -> str:
        return self.summary[:80]

    def get_absolute_url(self) -> str:
        return reverse("conditions:claim", args=[self.key])


class ShortLink(models.Model):
    """A clinician's chosen selection of topics behind a short code. Only the selection
    is stored: no patient, no clinician, no visit counts."""

    code = models.CharField(max_length=16, unique=True)
    selection = models.JSONField()
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.code


class ContentVersion(models.Model):
    """One row: the hash of the content last loaded. ETags and the page cache key on it."""

    version = models.CharField(max_length=64)
    loaded_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.version
