from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from . import claims
from .models import OwnBloodUse, ResearchStage


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
