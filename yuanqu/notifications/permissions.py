"""Who may read or mark a notification: its recipient, nobody else."""


def can_mark_read(user, notification) -> bool:
    """Only the recipient sees or marks a notification."""
    return bool(user and user.is_authenticated and notification.user_id == user.pk)
