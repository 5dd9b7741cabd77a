"""The published budget savings tables in tests/data/real (each .md there cites its source URL, its unit, the
sums it prints and its own arithmetic slips), for the gains tests to read."""

from pathlib import Path

REAL = Path(__file__).resolve().parents[1] / "data" / "real"
KULTUR = REAL / "savings_kristiansand_kultur_2018-2021.xlsx"
OPPVEKST = REAL / "savings_kristiansand_oppvekst_2018-2021.xlsx"
OPPVEKST_CSV = REAL / "savings_kristiansand_oppvekst_2018-2021.csv"
SANDNES = REAL / "savings_sandnes_sentrale_staber_2021-2024.xlsx"
ELVERUM = REAL / "savings_elverum_okonomistaben_2016-2019.xlsx"
