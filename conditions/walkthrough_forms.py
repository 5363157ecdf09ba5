"""The walkthrough's step forms: GET forms that carry every other answer as hidden fields,
so the page address is always the share link. Messages are constants the tests reuse."""

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.layout import Field, Hidden, Layout
from django import forms

from . import walkthrough as wt
from .forms import get_helper

ERROR_COUNTRY = "Choose the country where you plan to give birth."
ERROR_NEED = (
    "Choose yes or no: does a child or parent in your family have an illness a transplant treats?"
)
ERROR_HOSPITAL_CHOICE = "Choose a hospital from the list, or “Another hospital”."
ERROR_HOSPITAL_COUNTRY = (
    "That hospital is in {hospital_country}. Choose a hospital in {country}, or “Another hospital”."
)
ERROR_HEARD = "Choose only things from the list."
ERROR_RATING = "Choose how much “{label}” matters to you."
ERROR_OWN_TOO_LONG = f"Write your own point in {wt.MAX_OWN} characters or fewer."
ERROR_READY = "Answer this question. If you do not know, choose “Not sure”."


class StepForm(forms.Form):
    """A step's questions. `carried` holds the other answers, sent again as hidden fields."""

    use_required_attribute = False  # our own messages, listed at the top of the page
    submit_label = "Continue"

    def __init__(self, *args, carried=(), return_to: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.carried = list(carried)
        self.helper = get_helper(self.submit_label)
        self.helper.form_class = "step-form"
        hidden = [Hidden(name, value) for name, value in self.carried]
        hidden.append(Hidden(wt.GO, "1"))
        if return_to:
            hidden.append(Hidden(wt.RETURN, return_to))
        self.helper.layout = Layout(*self.layout_fields(), *hidden)

    def layout_fields(self) -> list:
        return [Field(name) for name in self.fields]

    def answers(self) -> dict:
        """The cleaned answers, as keyword arguments for Answers.but()."""
        raise NotImplementedError


class SituationForm(StepForm):
    country = forms.ChoiceField(
        label="Which country do you plan to give birth in?",
        widget=forms.RadioSelect,
        error_messages={"required": ERROR_COUNTRY, "invalid_choice": ERROR_COUNTRY},
    )
    need = forms.ChoiceField(
        label="Does a child or parent in your family have an illness that a transplant treats?",
        help_text=(
            "For example leukaemia, sickle cell disease or thalassaemia. If so, your baby's cord "
            "blood may be kept for them. This is called directed donation."
        ),
        choices=wt.NEED_ANSWERS,
        widget=forms.RadioSelect,
        error_messages={"required": ERROR_NEED, "invalid_choice": ERROR_NEED},
    )
    hospital = forms.ChoiceField(
        label="Where do you plan to give birth? (optional)",
        help_text=(
            "We list hospitals where a public bank collects cord blood. If yours is not on the "
            "list, choose “Another hospital”."
        ),
        required=False,
        error_messages={"invalid_choice": ERROR_HOSPITAL_CHOICE},
    )

    def __init__(self, *args, countries=(), hospitals=(), **kwargs):
        """countries: Country records; hospitals: (slug, hospital) pairs."""
        self.countries = {c.code: c for c in countries}
        self.hospital_country = {slug: h.country.code for slug, h in hospitals}
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [(c.code, c.name) for c in countries]
        groups = [
            (
                country.name,
                [
                    (slug, f"{h.name}, {h.town}" if h.town else h.name)
                    for slug, h in hospitals
                    if h.country_id == country.pk
                ],
            )
            for country in countries
        ]
        self.fields["hospital"].choices = [
            ("", "I do not know yet, or would rather not say"),
            *[group for group in groups if group[1]],
            (wt.OTHER_HOSPITAL, "Another hospital"),
        ]

    def layout_fields(self) -> list:
        return [Field("country"), Field("need"), Field("hospital")]

    def clean(self):
        data = super().clean()
        country, hospital = data.get("country"), data.get("hospital")
        if country and hospital and hospital != wt.OTHER_HOSPITAL:
            where = self.hospital_country.get(hospital)
            if where and where != country:
                self.add_error(
                    "hospital",
                    ERROR_HOSPITAL_COUNTRY.format(
                        hospital_country=wt.country_in_sentence(self.countries[where].name),
                        country=wt.country_in_sentence(self.countries[country].name),
                    ),
                )
        return data

    def answers(self) -> dict:
        data = self.cleaned_data
        return {
            "country": data["country"],
            "need": data["need"],
            "hospital": data["hospital"] or None,
        }


class HeardForm(StepForm):
    submit_label = "See the evidence"
    heard = forms.MultipleChoiceField(
        label="Which of these have you read or been told about?",
        help_text="Tick all that apply, or none. You can change this later.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": ERROR_HEARD},
    )

    def __init__(self, *args, groups=(), **kwargs):
        """groups: (group name, [(key, label), ...]) pairs."""
        super().__init__(*args, **kwargs)
        self.fields["heard"].choices = [group for group in groups if group[1]]

    def answers(self) -> dict:
        return {"heard": tuple(self.cleaned_data["heard"])}


class MattersForm(StepForm):
    submit_label = "See how the options line up"
    own = forms.CharField(
        label="Is there something else that matters to you? (optional)",
        help_text=f"In your own words, up to {wt.MAX_OWN} characters. Please do not write names or other personal details.",
        required=False,
        max_length=wt.MAX_OWN,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": wt.MAX_OWN}),
        error_messages={"max_length": ERROR_OWN_TOO_LONG},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rated = {}
        for consideration in wt.CONSIDERATIONS:
            message = ERROR_RATING.format(label=consideration.label)
            rated[consideration.param] = forms.TypedChoiceField(
                label=consideration.label,
                help_text=consideration.hint,
                choices=[(str(value), text) for value, text in wt.RATINGS],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": message, "invalid_choice": message},
            )
        self.fields = {**rated, "own": self.fields["own"]}

    def layout_fields(self) -> list:
        return [*(InlineRadios(c.param) for c in wt.CONSIDERATIONS), Field("own")]

    def answers(self) -> dict:
        ratings = {c.key: self.cleaned_data[c.param] for c in wt.CONSIDERATIONS}
        return {"ratings": ratings, "own": wt.clean_text(self.cleaned_data["own"])}


class LineupForm(MattersForm):
    submit_label = "Show the line-up again"


class ReadyForm(StepForm):
    submit_label = "See your summary"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for item in wt.READY_ITEMS:
            self.fields[item.param] = forms.ChoiceField(
                label=item.question,
                choices=wt.READY_ANSWERS,
                widget=forms.RadioSelect,
                error_messages={"required": ERROR_READY, "invalid_choice": ERROR_READY},
            )
        self.helper.layout = Layout(
            *(InlineRadios(item.param) for item in wt.READY_ITEMS),
            *self.helper.layout.fields,
        )

    def layout_fields(self) -> list:
        return []  # the questions are added once the fields exist (see __init__)

    def answers(self) -> dict:
        return {"ready": {item.key: self.cleaned_data[item.param] for item in wt.READY_ITEMS}}


class CompareForm(forms.Form):
    """Two parents' links, pasted in. Not a step: it only reads the links."""

    use_required_attribute = False
    a = forms.CharField(
        label="The first parent's link",
        max_length=4000,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "inputmode": "url"}
        ),
        error_messages={
            "required": "Paste the first parent's link.",
            "max_length": "That link is too long. Copy it again from the summary page.",
        },
    )
    b = forms.CharField(
        label="The second parent's link",
        max_length=4000,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "inputmode": "url"}
        ),
        error_messages={
            "required": "Paste the second parent's link.",
            "max_length": "That link is too long. Copy it again from the summary page.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = get_helper("Compare")
        self.helper.form_class = "step-form"
