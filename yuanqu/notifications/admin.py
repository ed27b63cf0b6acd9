from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "subject_title", "text", "read_at"]
    list_filter = ["read_at", "subject_type"]
    search_fields = ["subject_title", "text", "user__username"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    readonly_fields = ["subject_type", "subject_id", "created_at"]
