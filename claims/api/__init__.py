"""The claims app's part of the REST API: claims, verdicts, evidence, ratings, transitions and
ClaimReview exchange. Routed in ``claims/api/urls.py``."""
