import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yuanqu.core.validators import reject_markup


class Park(models.Model):
    """A park (tenant): every firm, user and record belongs to one."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True, validators=[reject_markup])
    region_code = models.CharField(_("district code"), max_length=6, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("park")
        verbose_name_plural = _("parks")
        ordering = ["code"]

    def __str__(self):
        return self.name


class Department(models.Model):
    """A department of the park office (经发、招商、安监 …)."""

    park = models.ForeignKey(Park, on_delete=models.PROTECT, related_name="departments")
    name = models.CharField(_("name"), max_length=100, validators=[reject_markup])
    head = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("department head"),
    )
    # The park office (综合办公室) receives whatever no routing rule claims.
    is_office = models.BooleanField(_("park office"), default=False)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["park", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["park", "name"], name="uniq_department_name",
                violation_error_message=_("A department with this name already exists."),
            )
        ]

    def __str__(self):
        return self.name


class Grid(models.Model):
    """A grid: a set of firms looked after by grid workers."""

    park = models.ForeignKey(Park, on_delete=models.PROTECT, related_name="grids")
    name = models.CharField(_("name"), max_length=100, validators=[reject_markup])
    description = models.CharField(_("description"), max_length=255, blank=True,
                                   validators=[reject_markup])

    class Meta:
        verbose_name = _("grid")
        verbose_name_plural = _("grids")
        ordering = ["park", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["park", "name"], name="uniq_grid_name",
                violation_error_message=_("A grid with this name already exists."),
            )
        ]

    def __str__(self):
        return self.name


class Institution(models.Model):
    """A partner service institution (tech, finance, legal, HR)."""

    class Kind(models.TextChoices):
        TECH = "tech", _("Technology service")
        FINANCE = "finance", _("Finance")
        LEGAL = "legal", _("Legal")
        HR = "hr", _("Human resources")

    park = models.ForeignKey(Park, on_delete=models.PROTECT, related_name="institutions")
    name = models.CharField(_("name"), max_length=200, validators=[reject_markup])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta:
        verbose_name = _("service institution")
        verbose_name_plural = _("service institutions")
        ordering = ["park", "name"]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    DISTRICT_ADMIN = "district_admin", _("District administrator")
    PARK_ADMIN = "park_admin", _("Park administrator")
    DEPT_STAFF = "dept_staff", _("Department staff")
    GRID_WORKER = "grid_worker", _("Grid worker")
    ENTERPRISE = "enterprise", _("Enterprise user")
    INSTITUTION = "institution", _("Service institution user")


# Which organisation field each role must (and may) carry.
ROLE_REQUIRES = {
    Role.DEPT_STAFF: "department",
    Role.GRID_WORKER: "grid",
    Role.INSTITUTION: "institution",
}


class User(AbstractUser):
    """A person who logs in; their role and park decide what they may see."""

    full_name = models.CharField(_("full name"), max_length=50, blank=True,
                                 validators=[reject_markup])
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.ENTERPRISE)
    park = models.ForeignKey(Park, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="users", verbose_name=_("park"))
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="members", verbose_name=_("department"))
    grid = models.ForeignKey(Grid, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="workers", verbose_name=_("grid"))
    institution = models.ForeignKey(Institution, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="members", verbose_name=_("institution"))
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[reject_markup])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.username

    @property
    def is_district(self) -> bool:
        from .permissions import role_is_district

        return self.is_superuser or role_is_district(self)

    def clean(self):
        super().clean()
        if not self.is_district and self.park_id is None:
            raise ValidationError({"park": _("Every user except district administrators belongs to a park.")})
        needed = ROLE_REQUIRES.get(self.role)
        if needed and getattr(self, f"{needed}_id") is None:
            raise ValidationError({needed: _("This role needs this field.")})
        for field in ("department", "grid", "institution"):
            org = getattr(self, field)
            if org is not None and org.park_id != self.park_id:
                raise ValidationError({field: _("Must belong to the user's park.")})


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A per-user API key for Bearer authentication; only its hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, validators=[reject_markup])
    prefix = models.CharField(max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, user, name) -> tuple["ApiToken", str]:
        """Create a token; the raw key is returned once and never stored."""
        raw = "yq_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, prefix=raw[:10], key_hash=hash_token(raw))
        return token, raw

    def revoke(self):
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])
