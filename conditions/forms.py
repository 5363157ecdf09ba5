from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from . import claims, costs
from .models import OwnBloodUse, ResearchStage
from .sharing import NEED_CHOICES, make_selection


def get_helper(submit_label: str) -> FormHelper:
    """A crispy helper for a journey step: GET, so the address is the share link."""
    helper = FormHelper()
    helper.form_method = "get"
    helper.form_tag = True
    helper.disable_csrf = True
    helper.add_input(Submit("", submit_label, css_class="button"))
    return helper


class ConditionFilterForm(forms.Form):
    stage = forms.ChoiceField(
        label="Research stage",
        required=False,
        choices=[("", "Any stage"), *ResearchStage.choices],
    )
    own_blood = forms.ChoiceField(
        label="Would a baby's own stored cord blood be used?",
        required=False,
        choices=[("", "Any answer"), *OwnBloodUse.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = get_helper("Show conditions")
        self.helper.form_class = "filters"


# --- The cost calculator --------------------------------------------------------


class _Amount(forms.DecimalField):
    """A sum of money with friendly messages. Accepts '1,500', '£1500' and 'AED 9000'."""

    widget = forms.TextInput(
        attrs={"inputmode": "decimal", "autocomplete": "off", "spellcheck": "false"}
    )

    def __init__(self, *, name: str, example: str, maximum, **kwargs):
        super().__init__(decimal_places=2, **kwargs)
        self.name, self.maximum = name, maximum
        words = {"label": name, "Label": name[0].upper() + name[1:], "example": example}
        self.error_messages.update(
            required=costs.ERROR_MISSING.format(**words),
            invalid=costs.ERROR_NOT_A_NUMBER.format(**words),
            max_decimal_places=costs.ERROR_DECIMALS.format(**words),
        )
        self.too_large = costs.ERROR_TOO_LARGE.format(**words, maximum=f"{maximum:,}")
        self.negative = costs.ERROR_NEGATIVE.format(**words)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
            for mark in ("US$", "AED", "aed", "Dh", "£", "$", ",", " ", "\u00a0"):
                value = value.replace(mark, "")
            if len(value) > 40:  # no fee has 40 digits: say so rather than parse it
                raise forms.ValidationError(self.too_large, code="max_value")
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if value < 0:
            raise forms.ValidationError(self.negative, code="min_value")
        if value > self.maximum:
            raise forms.ValidationError(self.too_large, code="max_value")


class _Years(forms.IntegerField):
    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    default_error_messages = {
        "required": costs.ERROR_YEARS_MISSING,
        "invalid": costs.ERROR_YEARS_NOT_WHOLE,
    }

    def to_python(self, value):
        if isinstance(value, str) and len(value.strip()) > 20:
            raise forms.ValidationError(costs.ERROR_YEARS_TOO_MANY, code="max_value")
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value is not None and value < 1:
            raise forms.ValidationError(costs.ERROR_YEARS_TOO_FEW, code="min_value")
        if value is not None and value > costs.MAX_YEARS:
            raise forms.ValidationError(costs.ERROR_YEARS_TOO_MANY, code="max_value")


class CostCalculatorForm(forms.Form):
    """What a private bank's fees add up to. Used by /costs/calculator/ and the JSON API."""

    AMOUNTS = ("upfront", "annual", "years", "rise", "tissue_upfront", "tissue_annual")

    country = forms.ChoiceField(label="Country", required=False)
    upfront = _Amount(
        label="Upfront fee for cord blood",
        name="the upfront fee",
        example="1500",
        maximum=costs.MAX_UPFRONT,
        help_text="Collection, processing and anything else paid at the start.",
    )
    annual = _Amount(
        label="Yearly storage fee for cord blood",
        name="the yearly storage fee",
        example="100",
        maximum=costs.MAX_ANNUAL,
        help_text="Enter 0 if the upfront fee already covers every year.",
    )
    years = _Years(label="Years of storage", help_text="For example 20, or 18 to cover childhood.")
    rise = _Amount(
        label="Yearly rise in the storage fee, in %",
        name="the yearly rise",
        example="3",
        maximum=costs.MAX_RISE,
        help_text="Enter 0 if the contract fixes the fee for the whole time.",
    )
    tissue_upfront = _Amount(
        label="Upfront fee for cord tissue (optional)",
        name="the cord tissue upfront fee",
        example="800",
        maximum=costs.MAX_UPFRONT,
        required=False,
    )
    tissue_annual = _Amount(
        label="Yearly fee for cord tissue (optional)",
        name="the cord tissue yearly fee",
        example="50",
        maximum=costs.MAX_ANNUAL,
        required=False,
    )

    # Our own friendly messages, not the browser's: no `required` attributes on inputs.
    use_required_attribute = False

    def __init__(self, *args, countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.countries = {country.code: country for country in countries}
        self.fields["country"].choices = [(c.code, c.name) for c in countries]
        self.fields["country"].error_messages["invalid_choice"] = costs.ERROR_COUNTRY
        self.fields["rise"].error_messages["max_value"] = costs.ERROR_RISE_TOO_LARGE
        self.fields["rise"].too_large = costs.ERROR_RISE_TOO_LARGE
        self.helper = get_helper("Work out the total")
        self.helper.form_class = "calculator"
        self.helper.form_action = "#results"

    @staticmethod
    def preset_data(country) -> dict[str, str]:
        """The country's example figures, as the form would receive them."""

        def plain(value) -> str:
            return f"{value.normalize():f}" if hasattr(value, "normalize") else str(value)

        return {
            "country": country.code,
            "upfront": plain(country.preset_upfront),
            "annual": plain(country.preset_annual),
            "years": str(country.preset_years),
            "rise": plain(country.preset_rise),
            "tissue_upfront": plain(country.preset_tissue_upfront),
            "tissue_annual": plain(country.preset_tissue_annual),
        }

    @classmethod
    def from_query(cls, query, countries):
        """A bound form. With no amounts in the address, the chosen country's example
        figures (?country=uk), or the first country's, fill the form."""
        countries = list(countries)
        if any(name in query for name in cls.AMOUNTS):
            return cls(query, countries=countries)
        if not countries:
            return cls(countries=countries)
        code = query.get("country") or countries[0].code
        chosen = next((c for c in countries if c.code == code), None)
        data = cls.preset_data(chosen or countries[0])
        if chosen is None:
            data["country"] = code  # shown as an error: not one of ours
        return cls(data, countries=countries)

    def clean_tissue_upfront(self):
        return self.cleaned_data["tissue_upfront"] or 0

    def clean_tissue_annual(self):
        return self.cleaned_data["tissue_annual"] or 0

    @property
    def country_record(self):
        code = self.cleaned_data.get("country") if hasattr(self, "cleaned_data") else None
        code = code or self.data.get("country")
        return self.countries.get(code) or next(iter(self.countries.values()), None)


class HospitalSearchForm(forms.Form):
    q = forms.CharField(
        label="Search by hospital name or town",
        max_length=100,
        required=False,
        error_messages={"max_length": "Enter a shorter search, under 100 letters."},
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = get_helper("Search")
        self.helper.form_class = "search"
        self.helper.form_action = "#results"


# --- Sharing during a consultation (/clinicians/) -------------------------------

ERROR_NOTHING_CHOSEN = (
    "Choose at least one thing to share: a condition, an option, a country or a situation."
)
ERROR_CONDITION = "Choose conditions from the list."
ERROR_OPTION = "Choose options from the list."
ERROR_SHARE_COUNTRY = "Choose a country from the list."
ERROR_NEED = "Choose one of the answers about the family."
ERROR_HOSPITAL = "Choose a hospital from the list."
ERROR_HOSPITAL_COUNTRY = (
    "{hospital} is in {hospital_country}. Choose {hospital_country} for costs, or no country."
)


class ShareForm(forms.Form):
    """What a clinician shares with a parent. GET, no cookie: making a link is idempotent."""

    options = forms.MultipleChoiceField(
        label="Options",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": ERROR_OPTION, "invalid_list": ERROR_OPTION},
    )
    country = forms.ChoiceField(
        label="Costs and public donation in",
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": ERROR_SHARE_COUNTRY},
    )
    conditions = forms.MultipleChoiceField(
        label="Conditions banks mention",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": ERROR_CONDITION, "invalid_list": ERROR_CONDITION},
    )
    need = forms.ChoiceField(
        label="The family (optional)",
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": ERROR_NEED},
    )
    hospital = forms.ChoiceField(
        label="Hospital where the baby is due, if it collects for public donation (optional)",
        required=False,
        error_messages={"invalid_choice": ERROR_HOSPITAL},
    )
    use_required_attribute = False

    def __init__(self, *args, conditions=(), options=(), countries=(), hospitals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.hospitals = {str(h.pk): h for h in hospitals}
        self.countries = {c.code: c for c in countries}
        self.fields["conditions"].choices = [(c.slug, c.name) for c in conditions]
        self.fields["options"].choices = [(o.slug, o.name) for o in options]
        self.fields["country"].choices = [
            ("", "No country"),
            *((c.code, c.name) for c in countries),
        ]
        self.fields["need"].choices = [("", "Do not say"), *NEED_CHOICES]
        by_country: dict[str, list] = {}
        for hospital in hospitals:
            label = f"{hospital.name}, {hospital.town}" if hospital.town else hospital.name
            by_country.setdefault(hospital.country.name, []).append((str(hospital.pk), label))
        self.fields["hospital"].choices = [("", "No hospital"), *by_country.items()]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.disable_csrf = True
        self.helper.form_class = "share-builder"
        self.helper.add_input(Submit("", "Make the link", css_class="button button-primary"))

    def clean_hospital(self):
        key = self.cleaned_data.get("hospital")
        return self.hospitals.get(key) if key else None

    def clean(self):
        data = super().clean()
        hospital, code = data.get("hospital"), data.get("country")
        if hospital is not None and code and hospital.country.code != code:
            message = ERROR_HOSPITAL_COUNTRY.format(
                hospital=hospital.name, hospital_country=hospital.country.name
            )
            self.add_error("hospital", message)
        if not self.errors and not any(data.get(name) for name in self.fields):
            raise forms.ValidationError(ERROR_NOTHING_CHOSEN, code="empty")
        return data

    def selection(self) -> dict:
        data = self.cleaned_data
        return make_selection(
            conditions=data["conditions"],
            options=data["options"],
            country=data["country"],
            need=data["need"],
            hospital=data["hospital"],
        )


# --- The claim checker ----------------------------------------------------------


class ClaimCheckForm(forms.Form):
    """The text a parent pastes into /check/. Sent by POST (it can be long) and never
    stored: the check changes nothing on the server."""

    text = forms.CharField(
        label="Paste the text from a bank's page, leaflet or advert",
        help_text="Up to 20,000 characters, about 3,000 words. Nothing you paste is stored.",
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false", "autocomplete": "off"}),
        error_messages={"required": claims.ERROR_EMPTY},
    )
    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = get_helper("Check the claims")
        self.helper.form_method = "post"
        self.helper.form_class = "claim-check"
        self.helper.form_action = "#results"

    def clean_text(self):
        text = self.cleaned_data["text"]
        if len(text) > claims.MAX_CHARACTERS:
            raise forms.ValidationError(claims.too_long_message(len(text)), code="max_length")
        return text
