"""Write docs/examples/organisations-example.csv and .xlsx from the import's example data.

Run from the repository root: ``.venv/bin/python scripts/make_import_example.py``.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vernetzt.directory.importing.example import example_csv, example_xlsx  # noqa: E402


def main():
    target = ROOT / "docs" / "examples"
    target.mkdir(parents=True, exist_ok=True)
    (target / "organisations-example.csv").write_bytes(example_csv())
    (target / "organisations-example.xlsx").write_bytes(example_xlsx())
    print(f"Written to {target}")


if __name__ == "__main__":
    main()
