"""Metrics from log lines, the way SageMaker finds them.

Each metric definition is ``{"Name": str, "Regex": str}``; every log line is
searched with every regex (Python ``re``) and the first group, read as a
float, is a value of that metric at the line's timestamp. Values are appended
to ``metrics.jsonl`` (``{"t": ms, "n": name, "v": value}`` per line) so they
survive a server restart.
"""

from __future__ import annotations

import json
import math
import os
import re
from typing import Any, Iterable

from .errors import SpecError
from .timeutil import iso_from_ms


def validate_definitions(definitions: Any) -> list[dict]:
    """Check the definitions; answer them cleaned, or raise SpecError naming the fix."""
    if definitions is None:
        return []
    if not isinstance(definitions, list):
        raise SpecError("metricDefinitions must be a list of {Name, Regex} objects.")
    clean: list[dict] = []
    seen: set[str] = set()
    for i, d in enumerate(definitions):
        if not isinstance(d, dict) or not isinstance(d.get("Name"), str) or not d.get("Name"):
            raise SpecError(f"Metric definition {i + 1} needs a Name and a Regex.")
        name, regex = d["Name"], d.get("Regex")
        if not isinstance(regex, str) or not regex:
            raise SpecError(f"Metric '{name}' has no Regex — add one, e.g. {name}=([0-9.]+)")
        if name in seen:
            raise SpecError(f"Metric '{name}' is defined twice — keep one definition.")
        seen.add(name)
        try:
            compiled = re.compile(regex)
        except re.error as e:
            raise SpecError(f"Metric '{name}': the Regex {regex!r} is invalid ({e}) — fix it.")
        if compiled.groups < 1:
            raise SpecError(
                f"Metric '{name}': the Regex {regex!r} needs a group around the value, "
                f"e.g. {name}=([0-9.]+)"
            )
        clean.append({"Name": name, "Regex": regex})
    return clean


class MetricParser:
    """Finds metric values in lines and records them."""

    def __init__(self, definitions: Iterable[dict], path: str | None = None):
        self._compiled = [(d["Name"], re.compile(d["Regex"])) for d in definitions]
        self._path = path
        self.final: dict[str, tuple[float, int]] = {}

    def parse(self, line: str) -> list[tuple[str, float]]:
        found = []
        for name, regex in self._compiled:
            m = regex.search(line)
            if not m:
                continue
            try:
                value = float(m.group(1))
            except (TypeError, ValueError, IndexError):
                continue
            if math.isfinite(value):
                found.append((name, value))
        return found

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


def metric_data_results(definitions: list[dict], path: str) -> list[dict]:
    """GetMetricData's MetricDataResults, one per definition, oldest value first."""
    series: dict[str, tuple[list, list]] = {d["Name"]: ([], []) for d in definitions}
    for t, name, value in read_points(path):
        if name in series:
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
