"""Template filters for the reports: the PDF's running header, and the report body's charts and the shapes the
shared page includes read, made from a report snapshot (portfolio.reports.snapshot)."""

import base64
import re

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


@register.filter
def data_uri(chart: dict | None) -> str:
    """A snapshot chart's SVG as an `<img>` source: in a tagged PDF an image keeps its alt text, an inline
    `<svg>` does not (benefits.charts)."""
    if not chart:
        return ""
    return "data:image/svg+xml;base64," + base64.b64encode(chart["svg"].encode("utf-8")).decode("ascii")


# What an SVG file may carry before its <svg> element and that has no place inside an HTML page.
_PROLOG = re.compile(r"\A\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?", re.IGNORECASE)


@register.filter
def inline_svg(chart: dict | None) -> str:
    """A snapshot chart's SVG to place in the web version's HTML. The SVG was drawn by the app's own chart
    code (benefits.charts, benefits.benefit_map, programmes.trends), which escapes every text it writes,
    as the live pages that show the same drawings inline rely on."""
    if not chart:
        return ""
    return mark_safe(_PROLOG.sub("", chart["svg"]))


def _map_node(node: dict) -> dict:
    return {
        "benefit": {"title": node["title"]},
        "goals": node["goals"],
        "goals_from_project": node["goals_from_project"],
    }


@register.filter
def map_text_view(benefit_map: dict | None) -> dict | None:
    """A snapshot's benefit map in the shape benefits/includes/map_text.html reads (benefits.benefit_map's
    BenefitMap), so its sentences stay in that one template."""
    if not benefit_map:
        return None
    return {
        "chains": [
            {
                "change": {"deliverable": chain["deliverable"], "change": chain["change"]},
                "without_benefit": not chain["benefits"],
                "benefits": [_map_node(node) for node in chain["benefits"]],
            }
            for chain in benefit_map["chains"]
        ],
        "loose_benefits": [_map_node(node) for node in benefit_map["loose_benefits"]],
    }


@register.filter
def savings_view(savings: dict | None) -> dict | None:
    """A snapshot's savings standing in the shape benefits/includes/savings_sentence.html reads
    (benefits.selectors.savings.SavingsStanding), so the sentence stays in that one template."""
    if not savings:
        return None
    return {
        "total": {
            "range": {"expected": savings["expected"], "at_least": savings["at_least"]},
            "ledger": {"target": savings["target"], "withdrawal": savings["withdrawal"]},
        }
    }


@register.filter
def at(items, index: int):
    """The item at `index` of a list (a cell's column in a table drawn row by row)."""
    return items[int(index)]
