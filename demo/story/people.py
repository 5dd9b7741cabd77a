"""The demo story's people: the demo users with their roles, and the line leaders who own projects and
gains, named by their titles."""

from __future__ import annotations

from typing import NamedTuple

from core import roles

# Every demo user's password; `make run` prints the logins.
DEMO_PASSWORD = "demo"


class DemoUser(NamedTuple):
    username: str
    first_name: str
    last_name: str
    role: str
    superuser: bool = False


# The six logins that `make run` prints, then the people the demo programme needs around them.
USERS: tuple[DemoUser, ...] = (
    DemoUser("admin", "Ingrid", "Haugen", roles.ADMINISTRATOR, superuser=True),
    DemoUser("direktor", "Eva", "Sandvik", roles.EXECUTIVE),
    DemoUser("programleder", "Lars", "Berntsen", roles.PROGRAMME_LEADER),
    DemoUser("prosjektleder", "Kari", "Solheim", roles.PROJECT_LEADER),
    DemoUser("prosjektleder2", "Ole Martin", "Haugland", roles.PROJECT_LEADER),
    DemoUser("politiker", "Sigrid", "Lunde", roles.POLITICIAN),
    DemoUser("hanne.rasmussen", "Hanne", "Rasmussen", roles.PROGRAMME_LEADER),
    DemoUser("anders.myhre", "Anders", "Myhre", roles.PROGRAMME_LEADER),
    DemoUser("tor.inge.bakken", "Tor Inge", "Bakken", roles.PROGRAMME_LEADER),
    DemoUser("marianne.eide", "Marianne", "Eide", roles.PROGRAMME_LEADER),
    DemoUser("jonas.berg", "Jonas", "Berg", roles.PROJECT_LEADER),
    DemoUser("camilla.olsen", "Camilla", "Olsen", roles.PROJECT_LEADER),
    DemoUser("nina.aune", "Nina", "Aune", roles.PROJECT_LEADER),
    # Line leaders own projects; the Prosjektleder role is what lets an owner edit the projects they own.
    DemoUser("randi.kristiansen", "Randi", "Kristiansen", roles.PROJECT_LEADER),
    DemoUser("geir.pedersen", "Geir", "Pedersen", roles.PROJECT_LEADER),
    DemoUser("bjorn.aasen", "Bjørn", "Aasen", roles.PROJECT_LEADER),
    DemoUser("linda.johansen", "Linda", "Johansen", roles.PROJECT_LEADER),
    DemoUser("trine.halvorsen", "Trine", "Halvorsen", roles.PROJECT_LEADER),
    DemoUser("espen.dahl", "Espen", "Dahl", roles.PROJECT_LEADER),
    DemoUser("morten.strand", "Morten", "Strand", roles.PROJECT_LEADER),
    DemoUser("silje.nygard", "Silje", "Nygård", roles.PROJECT_LEADER),
)

# The user model has no job title, so the line leaders' titles live here: the projects (demo.story.programme)
# and the gains (demo.story.benefits) name their owners by title.
LINE_LEADERS: dict[str, str] = {
    "kommunalsjef helse og velferd": "randi.kristiansen",
    "kommunalsjef oppvekst og kultur": "geir.pedersen",
    "kommunalsjef samfunnsutvikling": "bjorn.aasen",
    "økonomisjef": "linda.johansen",
    "HR-sjef": "trine.halvorsen",
    "digitaliseringssjef": "espen.dahl",
    "eiendomssjef": "morten.strand",
    "kommunikasjons- og servicesjef": "silje.nygard",
}
