class IngestError(ValueError):
    """The input cannot become an article; the message says why and what to do."""
