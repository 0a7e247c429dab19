"""Floor 2: sound behind a port, so the app works the same with speakers, without, and in tests."""
