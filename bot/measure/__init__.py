"""Measuring the assistant: `make eval` (quality) and `make bench` (speed and memory).

`metrics` holds the pure figures (unit-tested in tests/unit/test_measure.py), `runtime` the
processes, logs, memory and plots, and `evaluate` / `bench` the two commands.
"""
