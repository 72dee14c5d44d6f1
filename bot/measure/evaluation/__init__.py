"""`make eval`: how well the trained assistant understands, triages and converses.

Writes reports/eval/ (Rasa's reports and plots, our figures and plots, summary.md for
clinicians, summary.json) and prints a one-line JSON summary last on stdout.

    python -m bot.measure.evaluation [--model models/assistant.tar.gz] [--skip cv] [--half dev]
"""
