"""The one place that knows the project's paths (notebooks never rely on the working directory).

Valid for the editable install the Makefile makes (``pip install -e .``): the
project root is the folder above the package.
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SEEDS = PROJECT_ROOT / "seeds"
SEED = SEEDS / "putin_sends_trumps_messengers_packing.txt"
DATA = PROJECT_ROOT / "data"
PROCESSED = DATA / "processed"
GOLD = DATA / "gold" / "seed_frames.csv"
EXTERNAL = DATA / "external"
FIGURES = PROJECT_ROOT / "figures"
NOTEBOOKS = PROJECT_ROOT / "notebooks"
