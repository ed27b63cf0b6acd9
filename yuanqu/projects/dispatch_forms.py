"""HTML input for dispatch meetings: create, minutes, actions, closing an action, the action list filter.

The forms only parse; the services validate (the model's `clean()`) and the views put their errors back
on the fields."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yuanqu.accounts.models import Park, User
from yuanqu.core.forms import BootstrapMixin

from .models import Project
from .queries import visible_projects

DATE, ISO = {"type": "date"}, "%Y-%m-%d"  # a date input reads and shows ISO dates only


class MeetingCreateForm(BootstrapMixin, forms.Form):
    """A new meeting; the district chooses the park, everyone else holds it in their own."""

    park = forms.ModelChoiceField(label=_("park"), queryset=Park.objects.none())
    held_on = forms.DateField(label=_("meeting date"), widget=forms.DateInput(attrs=DATE, format=ISO))
    title = forms.CharField(label=_("title"), max_length=200, required=False,
                            help_text=_("Left empty: named after the park and the week."))
    chair = forms.CharField(label=_("chair"), max_length=50, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.is_district:
            self.fields["park"].queryset = Park.objects.order_by("name")
        else:
            del self.fields["park"]


class MinutesForm(BootstrapMixin, forms.Form):
    held_on = forms.DateField(label=_("meeting date"), widget=forms.DateInput(attrs=DATE, format=ISO))
    title = forms.CharField(label=_("title"), max_length=200)
    chair = forms.CharField(label=_("chair"), max_length=50, required=False)
    minutes = forms.CharField(label=_("minutes"), max_length=10000, required=False,
                              widget=forms.Textarea(attrs={"rows": 6}))


class ActionForm(BootstrapMixin, forms.Form):
    """A decision and its action; the owner is a user of the park or a name (e.g. another authority's)."""

    project = forms.ModelChoiceField(label=_("project"), queryset=Project.objects.none(), required=False)
    decision = forms.CharField(label=_("decision"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    action = forms.CharField(label=pgettext_lazy("dispatch", "action"), max_length=500)
    owner = forms.ModelChoiceField(label=pgettext_lazy("dispatch", "owner (user)"),
                                   queryset=User.objects.none(), required=False)
    owner_name = forms.CharField(label=pgettext_lazy("dispatch", "owner (name)"), max_length=50,
                                 required=False)
    due_on = forms.DateField(label=pgettext_lazy("dispatch", "deadline"),
                             widget=forms.DateInput(attrs=DATE, format=ISO))

    def __init__(self, *args, meeting, user, **kwargs):
        super().__init__(*args, **kwargs)
        projects = visible_projects(user).filter(park_id=meeting.park_id)
        self.fields["project"].queryset = projects.order_by("name")
        self.fields["owner"].queryset = User.objects.filter(park_id=meeting.park_id, is_active=True) \
            .order_by("username")
        self.fields["owner"].label_from_instance = lambda u: u.full_name or u.username


class CloseActionForm(BootstrapMixin, forms.Form):
    result = forms.CharField(label=_("result"), max_length=500)
    done_on = forms.DateField(label=_("done on"), required=False,
                              widget=forms.DateInput(attrs=DATE, format=ISO),
                              help_text=_("Left empty: today."))


class ActionFilterForm(BootstrapMixin, forms.Form):
    STATES = [("", _("All")), ("open", _("Open")), ("overdue", _("Overdue")), ("done", _("Done"))]
    state = forms.ChoiceField(label=_("state"), choices=STATES, required=False)
