"""Floor 1½: the only code that touches the disk."""
