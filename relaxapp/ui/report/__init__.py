"""The report for a doctor's visit: its PDF and the dialog that makes it."""
