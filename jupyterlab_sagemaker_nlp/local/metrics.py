"""Metrics from log lines, the way SageMaker finds them.

Each metric definition is ``{"Name": str, "Regex": str}``; every log line is
searched with every regex and the first group, read as a float, is a value of
that metric at the line's timestamp. Values are appended to ``metrics.jsonl``
(``{"t": ms, "n": name, "v": value}`` per line) so they survive a server
restart.

The regexes are the user's, so a search is time-limited: the ``regex``
package in its ``V0`` mode (the semantics of Python's ``re``) with a
``timeout``. A regex that takes longer than that on one line (catastrophic
backtracking, e.g. ``(a|aa)+$``) is turned off for the rest of the job, and a
warning says so (``take_warnings``).
"""

from __future__ import annotations

import json
import math
import os
import threading
from typing import Any, Iterable

import regex

from .errors import SpecError
from .timeutil import iso_from_ms

SEARCH_TIMEOUT = 0.2  # seconds one regex may take on one line
# SageMaker's limits on MetricDefinitions, as the browser has them
# (src/training/metricDefinitions.ts; tests/test_definition_parity.py).
MAX_DEFINITIONS = 40
MAX_NAME = 255
MAX_REGEX = 500
REGEX_GROUPS = 1  # one capture group: the value


def compile_regex(pattern: str) -> regex.Pattern:
    return regex.compile(pattern, regex.V0)


def validate_definitions(definitions: Any) -> list[dict]:
    """Check the definitions; answer them cleaned, or raise SpecError naming the fix."""
    if definitions is None:
        return []
    if not isinstance(definitions, list):
        raise SpecError("metricDefinitions must be a list of {Name, Regex} objects.")
    if len(definitions) > MAX_DEFINITIONS:
        raise SpecError(f"metricDefinitions has {len(definitions)} metrics; SageMaker allows at "
                        f"most {MAX_DEFINITIONS} — remove some.")
    clean: list[dict] = []
    seen: set[str] = set()
    for i, d in enumerate(definitions):
        if not isinstance(d, dict) or not isinstance(d.get("Name"), str):
            raise SpecError(f"Metric definition {i + 1} needs a Name and a Regex.")
        name, pattern = d["Name"], d.get("Regex")
        if not name.strip():
            raise SpecError(f"Metric definition {i + 1} has no name: name it or remove it.")
        refused = next((ch for ch in name if not " " <= ch <= "~"), None)
        if refused is not None:
            suggestion = "".join(ch if " " <= ch <= "~" else "_" for ch in name)
            raise SpecError(f"Metric {name!r}: CloudWatch takes metric names of printable ASCII "
                            f"only, and this one has {refused!r}: rename it, e.g. {suggestion!r}.")
        if len(name) > MAX_NAME:
            raise SpecError(f"Metric '{name[:40]}…': the name is {len(name)} characters; "
                            f"SageMaker allows at most {MAX_NAME} — shorten it.")
        if not isinstance(pattern, str) or not pattern:
            raise SpecError(f"Metric '{name}' has no Regex — add one, e.g. {name}=([0-9.]+)")
        if name in seen:
            raise SpecError(f"Metric '{name}' is defined twice — keep one definition.")
        seen.add(name)
        if len(pattern) > MAX_REGEX:
            raise SpecError(f"Metric '{name}': the Regex is {len(pattern)} characters; SageMaker "
                            f"allows at most {MAX_REGEX} — shorten it.")
        try:
            compiled = compile_regex(pattern)
        except regex.error as e:
            raise SpecError(f"Metric '{name}': the Regex {pattern!r} is invalid ({e}) — fix it.")
        if compiled.groups < REGEX_GROUPS:
            raise SpecError(
                f"Metric '{name}': the Regex {pattern!r} needs a group around the value, "
                f"e.g. {name}=([0-9.]+)"
            )
        if compiled.groups > REGEX_GROUPS:
            raise SpecError(
                f"Metric '{name}': the Regex {pattern!r} has {compiled.groups} groups; it needs "
                "exactly one, around the value — make the others non-capturing: (?:...)"
            )
        clean.append({"Name": name, "Regex": pattern})
    return clean


class MetricParser:
    """Finds metric values in lines and records them.

    ``feed`` may run in a worker thread while the event loop calls
    ``take_warnings``; the lock guards only the warnings.
    """

    def __init__(self, definitions: Iterable[dict], path: str | None = None,
                 timeout: float | None = None):
        self._compiled = [(d["Name"], d["Regex"], compile_regex(d["Regex"])) for d in definitions]
        self._path = path
        self._timeout = SEARCH_TIMEOUT if timeout is None else timeout
        self._warnings: list[str] = []
        self._lock = threading.Lock()
        self.final: dict[str, tuple[float, int]] = {}

    def parse(self, line: str) -> list[tuple[str, float]]:
        found = []
        for entry in list(self._compiled):
            name, pattern, compiled = entry
            try:
                m = compiled.search(line, timeout=self._timeout)
            except TimeoutError:
                self._turn_off(entry)
                continue
            if not m:
                continue
            try:
                value = float(m.group(1))
            except (TypeError, ValueError, IndexError):
                continue
            if math.isfinite(value):
                found.append((name, value))
        return found

    def take_warnings(self) -> list[str]:
        """The messages about metrics turned off since the last call."""
        with self._lock:
            warnings, self._warnings = self._warnings, []
        return warnings

    def _turn_off(self, entry: tuple) -> None:
        name, pattern, _ = entry
        self._compiled.remove(entry)
        with self._lock:
            self._warnings.append(
                f"Metric '{name}' was turned off: its Regex {pattern!r} took longer than "
                f"{self._timeout:g} s on one log line — simplify it (nested or overlapping "
                "repeats such as (a+)+ or (a|aa)+ are the usual cause)."
            )

    def feed(self, timestamp_ms: int, line: str) -> bool:
        """Record the values of a line; answer whether it had any."""
        found = self.parse(line)
        if not found:
            return False
        rows = []
        for name, value in found:
            self.final[name] = (value, timestamp_ms)
            rows.append(json.dumps({"t": timestamp_ms, "n": name, "v": value}))
        if self._path:
            with open(self._path, "a", encoding="utf-8") as f:
                f.write("\n".join(rows) + "\n")
        return True


def read_points(path: str) -> list[tuple[int, str, float]]:
    points = []
    if not os.path.exists(path):
        return points
    with open(path, encoding="utf-8") as f:
        for raw in f:
            try:
                row = json.loads(raw)
                points.append((int(row["t"]), str(row["n"]), float(row["v"])))
            except (ValueError, KeyError, TypeError):
                continue  # a torn last line after a crash
    return points


def metric_data_results(definitions: list[dict], path: str,
                        since_ms: int | None = None) -> list[dict]:
    """GetMetricData's MetricDataResults, one per definition, oldest value first; with
    since_ms, only the points after it (a follower asks for what is new)."""
    series: dict[str, tuple[list, list]] = {d["Name"]: ([], []) for d in definitions}
    for t, name, value in read_points(path):
        if name in series and (since_ms is None or t > since_ms):
            series[name][0].append(iso_from_ms(t))
            series[name][1].append(value)
    return [
        {"Id": f"m{i}", "Label": name, "Timestamps": ts, "Values": vs, "StatusCode": "Complete"}
        for i, (name, (ts, vs)) in enumerate(series.items())
    ]


def final_metric_data_list(final: dict[str, tuple[float, int]], definitions: list[dict]) -> list:
    """DescribeTrainingJob's FinalMetricDataList: the last value of each metric."""
    return [
        {"MetricName": d["Name"], "Value": final[d["Name"]][0],
         "Timestamp": iso_from_ms(final[d["Name"]][1])}
        for d in definitions
        if d["Name"] in final
    ]
