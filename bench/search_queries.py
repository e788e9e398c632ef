"""The search queries bench_search.py (ORM) and bench_search_http.py (HTTP) ask."""

QUERIES = [
    "inflation",
    "tokayev",
    "wheat exports",
    "police arrested almaty",
    "hospital waiting times",
    "turnout 2019",
    '"oil production" atyrau',
    "nurlanova election",
    "pensions budget",
    "youth unemployment kazakhstan",
    "CO2 emissions",
    "schools shymkent",
]
