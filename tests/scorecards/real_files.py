"""The published scorecards in tests/data/real (each .md there cites its source), for the tests to read."""

from pathlib import Path

REAL = Path(__file__).resolve().parents[1] / "data" / "real"
LUND = REAL / "scorecard_loten_lund_barnehage_2014.xlsx"
ADOLFSEN = REAL / "scorecard_loten_art40161_2015.xlsx"
BERGET = REAL / "scorecard_loten_art40214_2015.xlsx"
BERGET_CSV = REAL / "scorecard_loten_art40214_2015.csv"
SANDNES = REAL / "scorecard_sandnes_okonomiplan_2017-2020.xlsx"
STAVANGER = REAL / "scorecard_stavanger_arsrapport2019_tabell2-4.xlsx"
