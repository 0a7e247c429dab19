"""relaxapp: guided breathing and relaxation for facial spasms and everyday tension."""

__version__ = "0.1.0"
