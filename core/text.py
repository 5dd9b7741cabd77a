"""Text helpers every app shares: the one slug that names every downloaded file."""

from django.utils.text import slugify

# Norwegian letters that Unicode does not decompose into a base letter and an accent, so that a plain
# slugify drops them (`bærekraft` would become `brekraft`).
_NORWEGIAN = str.maketrans({"æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "å": "a", "Å": "A"})


def file_slug(value: str, *, max_length: int | None = None) -> str:
    """A file-name-safe slug of Norwegian text: `Utvikling og bærekraft` is `utvikling-og-baerekraft`.

    ASCII letters, digits and hyphens only, so the name survives every browser, archive and e-mail
    client; other accented letters lose their accent (`é` is `e`).
    """
    slug = slugify(str(value).translate(_NORWEGIAN))
    if max_length is not None:
        slug = slug[:max_length].rstrip("-")
    return slug
