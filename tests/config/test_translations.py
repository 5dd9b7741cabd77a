"""The Norwegian catalogue is complete, and the committed .mo matches the .po (no gettext needed to run)."""

import gettext
from pathlib import Path

from babel.messages.pofile import read_po

PO = Path(__file__).resolve().parents[2] / "locale" / "nb" / "LC_MESSAGES" / "django.po"


def load_po():
    with PO.open("rb") as f:
        return read_po(f, locale="nb")


def test_every_message_has_a_norwegian_translation():
    untranslated = [
        msg.id
        for msg in load_po()
        if msg.id and (not msg.string or (isinstance(msg.string, tuple) and not all(msg.string)))
    ]
    assert not untranslated, f"Untranslated messages (run `make messages` and translate): {untranslated}"


def test_no_translation_is_a_fuzzy_guess():
    # makemessages guesses translations for new strings from similar old ones and marks them fuzzy; the
    # guesses are often wrong ("Yes" → "År") and are left out of the compiled catalogue.
    fuzzy = [msg.id for msg in load_po() if msg.id and "fuzzy" in msg.flags]
    assert not fuzzy, f"Fuzzy (guessed) translations to check and fix: {fuzzy}"


def test_compiled_catalogue_is_up_to_date_with_the_po_file():
    compiled = gettext.GNUTranslations(PO.with_suffix(".mo").open("rb"))
    stale = []
    for msg in load_po():
        if not msg.id or "fuzzy" in msg.flags:
            continue
        if isinstance(msg.id, tuple):
            got = compiled.ngettext(msg.id[0], msg.id[1], 1)
            want = msg.string[0]
        else:
            got = compiled.pgettext(msg.context, msg.id) if msg.context else compiled.gettext(msg.id)
            want = msg.string
        if got != want:
            stale.append(msg.id)
    assert not stale, f"django.mo is stale; run `make messages`: {stale[:10]}"
