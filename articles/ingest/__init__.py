"""Turning uploaded material into the one normalized text that claims point into."""
