"""Floor 1: the app's pure logic. Standard library only; no Qt, no pygame, no user paths."""
