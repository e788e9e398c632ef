"""Claim matching: match keys (``keys``) and finding and linking the same claim (``matches``)."""
