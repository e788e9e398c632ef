"""Word lists and sentence templates for synthetic benchmark data (generate_load_data).

Statements vary the way a newsroom's do: statistics, election results, arrests, spending and
promises, about a few hundred people and places, with numbers that differ from claim to claim.
"""

import random
from datetime import UTC, datetime, timedelta

from claims.models import ClaimStatus

CLAIMS_PER_ARTICLE = 5
STATUS_WEIGHTS = {
    ClaimStatus.DETECTED: 10,
    ClaimStatus.QUEUED: 20,
    ClaimStatus.IN_PROGRESS: 15,
    ClaimStatus.IN_REVIEW: 8,
    ClaimStatus.PUBLISHED: 35,
    ClaimStatus.DISMISSED: 10,
    ClaimStatus.RETRACTED: 2,
}


def _split(text: str) -> list[str]:
    """Word lists are written as "a|b|c" so that long lists stay readable."""
    return text.split("|")


FIRST_NAMES = _split(
    "Kassym-Jomart|Nursultan|Aigerim|Dinara|Sergey|Olga|Amina|Yerlan|Gulnara|Timur|Maria|Ivan|"
    "Anna|Dmitry|Saule|Askar|Elena|Marat|Zhanna|Bakhyt|Pavel|Irina|Daniyar|Aliya"
)
LAST_NAMES = _split(
    "Tokayev|Nazarbayev|Zheleznyak|Nurlanova|Abenova|Kosanov|Petrova|Ivanov|Sadykova|"
    "Baimukhanov|Orlova|Kuznetsov|Akhmetova|Seitkali|Volkova|Tulegenov|Smirnova|Zhakupov|"
    "Yessenova|Morozov|Kaliyeva|Dzhaksybekov"
)
OUTLETS = _split(
    "Astana Daily|Steppe Herald|RIA Novosti|Reuters|The Moscow Times|Kazinform|Vlast.kz|"
    "Central Asia Wire|Almaty Evening|Tengri News|Orda.kz|Eurasia Review"
)
PLACES = _split(
    "Kazakhstan|Almaty|Astana|Shymkent|Karaganda|Aktobe|Pavlodar|Atyrau|Kyrgyzstan|Uzbekistan|"
    "Russia|Moscow|Siberia|the Caspian region|Mangystau|Turkestan|Kostanay|Semey|Taraz|Oral"
)
METRICS = _split(
    "inflation|unemployment|turnout|GDP growth|the crime rate|wheat exports|oil production|"
    "child poverty|hospital waiting times|average wages|defence spending|CO2 emissions|"
    "the share of renewable energy|emigration|housing prices|the birth rate|road deaths|"
    "public debt|youth unemployment|gas prices"
)
MOVES = _split("rose|fell|reached|climbed|dropped|jumped|slipped|doubled to|hit")
APPROX = ("", "nearly ", "almost ", "about ", "more than ", "roughly ", "over ")
ELECTIONS = ("presidential", "parliamentary", "snap presidential", "local", "regional")
EVENTS = ("rallies", "protests", "a demonstration", "polling stations", "an opposition march")
FACILITIES = ("schools", "hospitals", "kindergartens", "roads", "bridges", "clinics", "homes")
SECTORS = ("education", "health care", "defence", "pensions", "agriculture", "police")
UNNAMED = ("according to early results", "opponents", "officials", "a government source")
LEAD_INS = ("Officials said", "According to reports,", "Critics noted that", "It was claimed")

TEMPLATES = (
    "{metric_cap} in {place} {move} {approx}{pct} percent in {year}",
    "{person} won {approx}{pct}% of the vote in the {year} {election} election",
    "Police arrested {approx}{count} people at {event} in {place}",
    "{place} spends {pct} percent of its budget on {sector}",
    "The government built {count} new {facility} in {place} since {year}",
    "{metric_cap} in {place} is the highest in {small} years",
    "{person} said {metric} in {place} {move} by {pct} percent last year",
    "{count} people left {place} for work abroad in {year}",
    "{place} will cut {metric} by half before {future}",
    "{person} promised {count} new {facility} in {place} by {future}",
    "{metric_cap} {move} {approx}{pct}% under {person}",
    "{person} received {approx}{count} votes in {place} in {year}",
)


class Vocabulary:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.people = sorted({f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES})
        self.outlets = list(OUTLETS)

    def statement(self) -> str:
        rng = self.rng
        metric = rng.choice(METRICS)
        return rng.choice(TEMPLATES).format(
            metric=metric,
            metric_cap=metric[0].upper() + metric[1:],
            place=rng.choice(PLACES),
            move=rng.choice(MOVES),
            approx=rng.choice(APPROX),
            pct=rng.choice((rng.randint(1, 99), round(rng.uniform(0.5, 99), 1))),
            count=f"{rng.choice((rng.randint(2, 900), rng.randint(1, 900) * 100)):,}",
            small=rng.randint(5, 40),
            person=rng.choice(self.people),
            election=rng.choice(ELECTIONS),
            event=rng.choice(EVENTS),
            facility=rng.choice(FACILITIES),
            sector=rng.choice(SECTORS),
            year=rng.randint(2005, 2025),
            future=rng.randint(2026, 2060),
        )

    def lead_in(self) -> str:
        return self.rng.choice(LEAD_INS)

    def unnamed_source(self) -> str:
        return self.rng.choice(UNNAMED)

    def headline(self) -> str:
        return f"{self.rng.choice(PLACES)}: {self.rng.choice(METRICS)} under scrutiny"

    def filler(self) -> str:
        return f"{self.rng.choice(OUTLETS)} contributed reporting from {self.rng.choice(PLACES)}."

    def moment(self) -> datetime:
        start = datetime(2019, 1, 1, tzinfo=UTC)
        return start + timedelta(seconds=self.rng.randint(0, 7 * 365 * 86400))

    def verdict_text(self) -> tuple[str, str]:
        rng = self.rng
        figure = round(rng.uniform(0.5, 99), 1)
        summary = f"Official figures show {figure} percent; the claim {rng.choice(VERDICT_VERBS)}."
        body = (
            f"We compared the claim with the latest official {rng.choice(METRICS)} data.\n\n"
            f"The {rng.choice(AGENCIES)} reported **{figure}%** for the period, "
            f"and {rng.choice(OUTLETS)} cited the same data.\n\n"
            f"- Source: {rng.choice(AGENCIES)} bulletin\n- Context: {rng.choice(METRICS)}"
        )
        return summary, body


VERDICT_VERBS = ("overstates it", "understates it", "is accurate", "lacks context", "is unproven")
AGENCIES = ("Bureau of National Statistics", "Central Election Commission", "Ministry of Finance")
