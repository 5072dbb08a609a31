"""Sums the jest, pytest and Playwright (main and compatibility) reports into one closing line,
"N passed, N failed", and exits non-zero when anything failed or a report
is missing (a suite that did not run is a failure, not a pass)."""
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def jest(path):
    report = json.loads(path.read_text())
    return report["numPassedTests"], report["numFailedTests"] + report.get("numRuntimeErrorTestSuites", 0)


def pytest(path):
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else list(root)
    total = sum(int(s.get("tests", 0)) for s in suites)
    failed = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
    skipped = sum(int(s.get("skipped", 0)) for s in suites)
    return total - failed - skipped, failed


def playwright(path):
    stats = json.loads(path.read_text())["stats"]
    return stats["expected"] + stats.get("flaky", 0), stats["unexpected"]


def main(folder):
    passed = failed = 0
    for name, read in (("jest.json", jest), ("pytest.xml", pytest), ("playwright.json", playwright), ("compat.json", playwright)):
        path = Path(folder) / name
        if not path.exists():
            print(f"{name}: no report, counted as one failure", file=sys.stderr)
            failed += 1
            continue
        p, f = read(path)
        print(f"{name}: {p} passed, {f} failed", file=sys.stderr)
        passed += p
        failed += f
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
