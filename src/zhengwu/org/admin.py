from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from zhengwu.common.identity import mask_id_number, mask_phone
from zhengwu.org.models import ApiToken, Department, Division, ServiceCentre, User


@admin.register(Division)
class DivisionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "division", "kind", "stationed_in_centre", "is_active"]
    list_filter = ["kind", "stationed_in_centre", "is_active", "division__level"]
    search_fields = ["name", "short_name", "code"]
    autocomplete_fields = ["division"]


@admin.register(ServiceCentre)
class ServiceCentreAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "division", "phone", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "division__name"]
    autocomplete_fields = ["division"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = [
        "username",
        "full_name",
        "kind",
        "department",
        "masked_id_number",
        "masked_phone",
        "is_active",
    ]
    list_filter = ["kind", "is_active", "groups"]
    search_fields = ["username", "full_name", "department__name"]
    autocomplete_fields = ["department", "service_centre"]
    ordering = ["username"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (
            _("Identity"),
            {"fields": ["kind", "full_name", "id_number", "credit_code", "phone", "email"]},
        ),
        (_("Post"), {"fields": ["department", "service_centre", "groups"]}),
        (
            _("Status"),
            {"fields": ["is_active", "is_staff", "is_superuser", "last_login", "date_joined"]},
        ),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "username",
                    "kind",
                    "full_name",
                    "department",
                    "id_number",
                    "credit_code",
                    "password1",
                    "password2",
                ],
            },
        ),
    ]
    readonly_fields = ["last_login", "date_joined"]

    @admin.display(description=_("ID number"))
    def masked_id_number(self, obj):
        return mask_id_number(obj.id_number)

    @admin.display(description=_("mobile number"))
    def masked_phone(self, obj):
        return mask_phone(obj.phone)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "user",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    readonly_fields = ["user", "name", "prefix", "digest", "created_at", "last_used_at"]
    search_fields = ["name", "user__username"]

    def has_add_permission(self, request):
        return False
