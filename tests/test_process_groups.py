"""end_groups with real processes: SIGTERM, the grace, then SIGKILL."""

import signal
import subprocess
import sys
import time

import pytest

from jupyterlab_sagemaker_nlp.local.process import end_groups

# Each child says "ready" once its SIGTERM handling is in place.
EXITS_ON_TERM = "import time; print('ready', flush=True); time.sleep(60)"
IGNORES_TERM = ("import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
                "print('ready', flush=True); time.sleep(60)")
SLOW_TO_EXIT = ("import signal, sys, time\n"
                "def bye(*_):\n    time.sleep(0.5); sys.exit(3)\n"
                "signal.signal(signal.SIGTERM, bye); print('ready', flush=True); time.sleep(60)")
# The leader ends on SIGTERM; its child, in the same group, ignores it.
LEAVES_A_CHILD = ("import subprocess, sys, time\n"
                  f"child = subprocess.Popen([sys.executable, '-c', {IGNORES_TERM!r}], "
                  "stdout=subprocess.PIPE, text=True)\n"
                  "child.stdout.readline(); print(child.pid, flush=True); time.sleep(60)")


def start(code):
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                            start_new_session=True)
    first = proc.stdout.readline().strip()
    assert first, f"the child did not start: {proc.wait(5)}"
    return proc, first


@pytest.fixture
def procs():
    started = []
    yield lambda code: started.append(start(code)) or started[-1]
    for proc, _ in started:  # whatever a failed test left running
        proc.kill()
        proc.wait(5)


def test_a_group_that_exits_on_sigterm_does_not_wait_for_the_grace(procs):
    proc, _ = procs(EXITS_ON_TERM)
    began = time.monotonic()
    end_groups([proc.pid], 10.0)
    assert time.monotonic() - began < 3
    assert proc.wait(5) == -signal.SIGTERM


def test_the_grace_lets_a_slow_exit_finish(procs):
    proc, _ = procs(SLOW_TO_EXIT)
    end_groups([proc.pid], 10.0)
    assert proc.wait(5) == 3  # its own exit, not SIGKILL


def test_one_that_ignores_sigterm_is_killed_after_the_grace(procs):
    polite, _ = procs(EXITS_ON_TERM)
    stubborn, _ = procs(IGNORES_TERM)
    began = time.monotonic()
    end_groups([polite.pid, stubborn.pid], 0.6)
    took = time.monotonic() - began
    assert 0.6 <= took < 3
    assert polite.wait(5) == -signal.SIGTERM
    assert stubborn.wait(5) == -signal.SIGKILL


def test_the_rest_of_a_group_goes_with_its_leader(procs):
    leader, child_pid = procs(LEAVES_A_CHILD)
    end_groups([leader.pid], 10.0)
    assert leader.wait(5) == -signal.SIGTERM
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _exists(int(child_pid)):
        time.sleep(0.02)
    assert not _exists(int(child_pid)), "the child that ignored SIGTERM outlived end_groups"


def test_no_groups_returns_at_once():
    began = time.monotonic()
    end_groups([], 10.0)
    assert time.monotonic() - began < 0.1


def _exists(pid):
    try:  # the child's parent (the leader) is gone, so init reaps it
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
