"""The REST API (``/api/v1/``): claims, verdicts, evidence, ratings, transitions, ClaimReview
exchange, and the articles and sources they hang on. Routed in ``claims/api/urls.py``."""
