"""Password validators (settings.AUTH_PASSWORD_VALIDATORS), with Chinese messages.

- PersonalInfoValidator: a password may not contain the user's name as shown (姓名), the username, or the name or
  short name of the user's agency — the first things someone who knows the office would try.
- RecentPasswordValidator: a new password may not be the current one or one of the last `history` ones; the hash
  of each password set is kept in PasswordHistory (only hashes, pruned to `history` rows per user).
"""

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError

MIN_PART = 2  # shorter names ("王") would refuse half of all passwords


def _norm(text):
    return "".join(text.split()).casefold()


def personal_parts(user):
    """(what, value) pairs a password must not contain."""
    parts = [("姓名", getattr(user, "full_name", "")), ("用户名", getattr(user, "username", ""))]
    agency = getattr(user, "agency", None) if getattr(user, "agency_id", None) else None
    if agency is not None:
        parts += [("所属机关名称", agency.name), ("所属机关简称", agency.short_name)]
    return [(what, _norm(value)) for what, value in parts if len(_norm(value or "")) >= MIN_PART]


class PersonalInfoValidator:
    def validate(self, password, user=None):
        if user is None:
            return
        typed = _norm(password)
        for what, value in personal_parts(user):
            if value in typed:
                raise ValidationError(f"密码不能包含您的{what}", code="password_has_personal_info")

    def get_help_text(self):
        return "密码不能包含您的姓名、用户名或所属机关的名称。"


class RecentPasswordValidator:
    def __init__(self, history=5):
        self.history = history

    def _recent_hashes(self, user):
        from requests_cms.models import PasswordHistory

        hashes = [user.password] if user.password else []
        if user.pk:
            hashes += PasswordHistory.objects.filter(user=user).values_list("password", flat=True)[:self.history]
        return hashes

    def validate(self, password, user=None):
        if user is None:
            return
        # Remembered for password_changed: accounts made by create_user have no history row for their first password.
        user._password_before_change = user.password
        # hashers.check_password, not user.check_password: that one may re-save the current hash.
        if any(check_password(password, encoded) for encoded in self._recent_hashes(user)):
            raise ValidationError(f"新密码不能与当前密码或最近{self.history}次使用过的密码相同",
                                  code="password_recently_used")

    def password_changed(self, password, user):
        """Called by Django after a password was saved: remember its hash, forget the oldest ones."""
        from requests_cms.models import PasswordHistory

        if not user.pk or not user.password:
            return
        known = set(PasswordHistory.objects.filter(user=user).values_list("password", flat=True)[:self.history])
        previous = getattr(user, "_password_before_change", "")
        if previous and previous != user.password and previous not in known:
            PasswordHistory.objects.create(user=user, password=previous)
        PasswordHistory.objects.create(user=user, password=user.password)
        keep = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[:self.history]
        PasswordHistory.objects.filter(user=user).exclude(pk__in=list(keep)).delete()

    def get_help_text(self):
        return f"不能使用当前密码或最近{self.history}次使用过的密码。"
