"""Resources the matcher indexes, staff verdicts on its suggestions, and introductions (撮合记录)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yuanqu.accounts.models import Institution, Park
from yuanqu.core.models import TimeStampedModel
from yuanqu.core.validators import reject_markup
from yuanqu.demands.models import Demand
from yuanqu.enterprises.models import Enterprise, Need, Offering
from yuanqu.reference.models import IndustryCode


class Kind(models.TextChoices):
    """What a resource is; a need is matched against supply (product, capability), the rest are offers."""

    PRODUCT = "product", _("Product")
    CAPABILITY = "capability", _("Capability")
    NEED = "need", _("Need")
    SERVICE = "service", _("Service")
    POLICY = "policy", _("Policy")
    TECHNOLOGY = "technology", _("Technology")


class Resource(TimeStampedModel):
    """One thing the park can offer or needs, as the matcher indexes it."""

    park = models.ForeignKey(Park, on_delete=models.PROTECT, related_name="resources",
                             verbose_name=_("park"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=200, validators=[reject_markup])
    description = models.TextField(_("description"), blank=True, max_length=5000,
                                   validators=[reject_markup])
    tags = models.JSONField(_("tags"), default=list, blank=True)
    industry = models.ForeignKey(
        IndustryCode, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("industry code"), error_messages={"invalid": _("Unknown industry code %(value)s.")})
    owner = models.ForeignKey(Enterprise, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="resources", verbose_name=_("owner firm"))
    institution = models.ForeignKey(Institution, null=True, blank=True, on_delete=models.CASCADE,
                                    related_name="resources", verbose_name=_("service institution"))
    offering = models.OneToOneField(Offering, null=True, blank=True, on_delete=models.CASCADE,
                                    related_name="resource", editable=False)
    need = models.OneToOneField(Need, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="resource", editable=False)
    external_id = models.CharField(_("external ID"), max_length=64, blank=True)
    is_active = models.BooleanField(_("active"), default=True, db_index=True)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["park", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["park", "kind", "external_id"], condition=~Q(external_id=""),
                name="matching_resource_external_id_unique",
                violation_error_message=_("A resource of this kind with this external ID already exists.")),
        ]

    def __str__(self):
        return self.title


class Feedback(models.Model):
    """A staff verdict on one suggestion (accepted or rejected) with the features the ranker saw: the
    training data of the learning-to-rank weights."""

    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="+")
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="feedback",
                                 verbose_name=_("resource"))
    query = models.TextField(_("query"), max_length=2000)
    query_kind = models.CharField(_("wanted kind"), max_length=20, blank=True)
    demand = models.ForeignKey(Demand, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    seeker = models.ForeignKey(Enterprise, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name=_("asking firm"))
    accepted = models.BooleanField(_("accepted"))
    rank = models.PositiveSmallIntegerField(_("rank"), default=0)
    features = models.JSONField(_("features"), default=dict, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("actor"))
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("match feedback")
        verbose_name_plural = _("match feedback")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.resource} {'✓' if self.accepted else '✗'}"


class Introduction(TimeStampedModel):
    """An introduction (撮合) staff made between a firm that needs something and the owner of a resource
    that offers it, and how it ended: the count of firms matched is read from these."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Introduced")
        TALKING = "talking", _("In talks")
        SIGNED = "signed", _("Order signed")
        FAILED = "failed", _("No deal")

    park = models.ForeignKey(Park, on_delete=models.PROTECT, related_name="introductions",
                             verbose_name=_("park"))
    seeker = models.ForeignKey(Enterprise, on_delete=models.PROTECT, related_name="introductions_sought",
                               verbose_name=_("firm with the need"))
    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="introductions",
                                 verbose_name=_("resource"))
    need = models.ForeignKey(Resource, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="introductions_as_need", verbose_name=_("need"))
    demand = models.ForeignKey(Demand, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="introductions", verbose_name=_("demand"))
    introduced_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                      related_name="+", verbose_name=_("introduced by"))
    introduced_on = models.DateField(_("introduced on"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices,
                               default=Outcome.PENDING, db_index=True)
    amount = models.DecimalField(_("order amount (10k yuan)"), max_digits=14, decimal_places=2,
                                 null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True, validators=[reject_markup])

    class Meta:
        verbose_name = _("matchmaking record")
        verbose_name_plural = _("matchmaking records")
        ordering = ["-introduced_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="matching_introduction_amount_positive",
                violation_error_message=_("The order amount cannot be negative.")),
            models.CheckConstraint(
                condition=~Q(outcome="signed") | Q(signed_on__isnull=False),
                name="matching_introduction_signed_has_date",
                violation_error_message=_("A signed order needs its signing date.")),
        ]

    def __str__(self):
        return f"{self.seeker} → {self.resource}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("matching:introduction_detail", args=[self.pk])


class SynonymLine(TimeStampedModel):
    """A thesaurus line an administrator added from the page (same syntax as nlp/data/thesaurus.txt);
    read with the bundled file when queries are expanded."""

    park = models.ForeignKey(Park, null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("park"))
    line = models.CharField(_("thesaurus line"), max_length=500)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("added by"))

    class Meta:
        verbose_name = _("thesaurus line")
        verbose_name_plural = _("thesaurus lines")
        ordering = ["id"]

    def __str__(self):
        return self.line
