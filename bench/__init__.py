"""Benchmarks: `python -m bench [NAME ...]` runs them and writes bench/reports/NAME.md."""
