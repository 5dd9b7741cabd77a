"""How a person is named on pages, in exports, in history and in the PDF reports: full name, else username."""


def person_name(user) -> str:
    return user.get_full_name() or user.get_username()
