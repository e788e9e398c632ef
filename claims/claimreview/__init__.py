"""schema.org ClaimReview out (``build``) and in (``parse``, then ``importer`` stores)."""
