"""The application floor: what relaxapp does (its use cases), with no Qt; the window is a shell over it."""
