"""Template filters for the PDF reports."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def css_string(value) -> str:
    """A CSS string literal (with its quotes) of `value`, safe inside a <style> element."""
    text = str(value)
    escaped = "".join(c if c.isalnum() or c in " .,:;–-()/" else f"\\{ord(c):x} " for c in text)
    return mark_safe(f'"{escaped}"')


@register.filter
def lookup(mapping, key):
    return mapping.get(key) if mapping else None
