"""`make bench`: see cli.py."""
