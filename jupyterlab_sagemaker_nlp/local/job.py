"""A job while the server runs: its record, its metric parser, its process."""

from __future__ import annotations

import asyncio
from typing import Optional

from . import logs, metrics


class Job:
    """A record plus what only exists while the server runs."""

    def __init__(self, record: dict, parser: metrics.MetricParser):
        self.record = record
        self.parser = parser
        self.process: Optional[asyncio.subprocess.Process] = None
        self.stop_requested = False
        self.kill_handle: Optional[asyncio.TimerHandle] = None
        self.task: Optional[asyncio.Future] = None
        self.write_failed = False  # its output could not be written: it is being ended

    @property
    def name(self) -> str:
        return self.record["TrainingJobName"]

    def on_line(self, timestamp: int, line: str) -> None:
        # Runs in the log writer's worker thread: it must not touch the record,
        # which the event loop saves; sync() copies the values over.
        self.parser.feed(timestamp, line)

    def sync(self, writer: logs.LogWriter) -> None:
        """On the event loop: the metrics into the record, the parser's warnings into the log."""
        if self.parser.final:
            defs = self.record["AlgorithmSpecification"]["MetricDefinitions"]
            self.record["FinalMetricDataList"] = metrics.final_metric_data_list(
                self.parser.final, defs)
        for warning in self.parser.take_warnings():
            writer.write_line(warning)
