import sys

from bot.measure.benchmark.cli import main

sys.exit(main())
