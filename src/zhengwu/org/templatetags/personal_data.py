"""Template tags ``id_number_for`` and ``phone_for``: masked unless the viewer may see them."""

from django import template

from zhengwu.org import personal_data

register = template.Library()


@register.simple_tag(takes_context=True)
def id_number_for(context, owner) -> str:
    return personal_data.id_number_for(context["request"].user, owner)


@register.simple_tag(takes_context=True)
def phone_for(context, owner) -> str:
    return personal_data.phone_for(context["request"].user, owner)
