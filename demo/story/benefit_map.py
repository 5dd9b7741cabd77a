"""The demo's benefit maps (gevinstkart): per project, what it delivers, the change that brings and the
benefits (by title, from demo.story.benefits) the change gives; and the goals (by code, from
demo.story.scorecards) some benefits serve of their own. A benefit not named here serves its project's goals.

Two gaps are left on purpose, so the demo shows what an incomplete map looks like: the chatbot's training
of staff gives no benefit yet, and the medicine dispensers' avoided growth has no change line.
"""

CHANGES: dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]] = {
    "Digital innbyggerdialog med chatbot": (
        (
            "Chatbot på kommunens nettsider",
            "Enkle spørsmål besvares digitalt hele døgnet i stedet for på telefon",
            ("Færre telefonhenvendelser til servicetorget", "Svar hele døgnet"),
        ),
        (
            "Opplæring av servicetorget",
            "Veilederne bruker frigjort tid på sammensatte henvendelser",
            (),
        ),
    ),
    "Digitalt tilsyn på natt": (
        (
            "Sensorer og kamera hos brukerne",
            "Nattevakten ser til brukerne digitalt og rykker ut ved behov",
            ("Færre fysiske nattilsyn", "Bedre søvn for brukerne"),
        ),
    ),
    "Elektroniske medisindispensere i hjemmetjenesten": (
        (
            "Medisindispensere hjemme hos brukerne",
            "Brukerne tar medisinene selv; hjemmetjenesten kommer bare når de trengs",
            ("Færre medisinbesøk",),
        ),
    ),
    "Arealeffektivisering av administrasjonsbygg": (
        (
            "Aktivitetsbaserte kontorer i rådhuset",
            "De ansatte deler arbeidsplasser, og færre kvadratmeter trengs",
            ("Oppsagte leiekontrakter", "Lavere driftskostnader for kontorbygg"),
        ),
        (
            "Aktivitetsbaserte kontorer i rådhuset",
            "Frigjorte etasjer leies ut til andre",
            ("Utleie av frigjort areal",),
        ),
    ),
}

# (project, benefit title) -> goal codes the benefit serves of its own.
BENEFIT_GOALS: dict[tuple[str, str], tuple[str, ...]] = {
    ("Digital innbyggerdialog med chatbot", "Færre telefonhenvendelser til servicetorget"): ("2",),
    ("Digital innbyggerdialog med chatbot", "Svar hele døgnet"): ("1.3",),
    ("Digitalt tilsyn på natt", "Færre fysiske nattilsyn"): ("1.1", "2"),
}
