from django import template

from registry.core.history import REASON_MAX_LENGTH

register = template.Library()


@register.inclusion_tag("admin/registry/reason_input.html")
def change_reason_input():
    """The optional reason field of a confirmation page, as long as the history keeps."""
    return {"max_length": REASON_MAX_LENGTH}
