"""Floor 3: thin Qt widgets that show what the engine and the stores say."""
