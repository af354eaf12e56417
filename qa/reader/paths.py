"""Where the shipped reader lives (kept free of heavy imports: settings read it)."""

from pathlib import Path

WEIGHTS_DIR = Path(__file__).parent / "weights"
WEIGHTS_FILE = "reader.safetensors"
SHIPPED_WEIGHTS = WEIGHTS_DIR / WEIGHTS_FILE
