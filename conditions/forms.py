from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

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
