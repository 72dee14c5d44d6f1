import sys

from bot.measure.evaluation.cli import main

sys.exit(main())
