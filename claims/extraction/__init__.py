"""Claim extraction (pure Python, no Django)."""
