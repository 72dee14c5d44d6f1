"""One-off comparisons behind a design decision; each prints its figures (README says what was kept)."""
