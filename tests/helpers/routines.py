"""Routine files as a person might write them, for tests of what the app makes of them."""

from __future__ import annotations

# A whole, valid breathing routine: tests change one line of it to make the case they need.
CALM = """
kind = "breathing"
title = "Calm"
summary = "A test rhythm."
default_minutes = 2

[[steps]]
kind = "inhale"
seconds = 4
text = "In"

[[steps]]
kind = "exhale"
seconds = 6
text = "Out"
"""
