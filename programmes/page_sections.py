"""Sections that apps above programmes add to the project page (the benefit map of the benefits app).

programmes may not import or include anything of those apps (dependencies point one way: benefits →
programmes), so an app registers the template of its section when it starts (`AppConfig.ready`), and the
project page includes what is registered, in the order registered. A section's template gets the project
page's context (`project` among it) and fetches its own data, e.g. through a template tag of its app.
"""

_sections: list[str] = []


def register(template_name: str) -> None:
    """Adds `template_name` to the project page, once, after the sections registered before it."""
    if template_name not in _sections:
        _sections.append(template_name)


def project_page_sections() -> tuple[str, ...]:
    return tuple(_sections)
