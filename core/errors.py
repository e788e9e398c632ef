"""The error a rule raises when it refuses someone, with a code the API turns into a status."""


class Refused(Exception):
    """An action this person may not take now, with a message a person understands.

    ``code`` says why: "forbidden" (who you are), "conflict" (the object's state), "invalid"
    (something missing from the request) or "stale" (it changed since the person read it; the
    ``details`` say how); ``core.api_errors`` answers 403, 409, 400 or 409 with the details.
    """

    def __init__(self, message: str, *, code: str = "forbidden", **details):
        super().__init__(message)
        self.message = message
        self.code = code
        self.details = details
