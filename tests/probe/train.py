"""Probe: records what a SageMaker training script would see, then 'trains'.

Writes $SM_OUTPUT_DATA_DIR/probe.json (argv, cwd, environment, channel files,
python) and $SM_MODEL_DIR/model.txt, and prints metric lines.
"""
import json
import os
import sys
import time

channels = json.loads(os.environ["SM_CHANNELS"])
record = {
    "argv": sys.argv,
    "cwd": os.getcwd(),
    "env": dict(os.environ),
    "executable": sys.executable,
    "prefix": sys.prefix,
    "channel_files": {
        name: sorted(os.listdir(os.environ["SM_CHANNEL_" + name.upper()])) for name in channels
    },
}
with open(os.path.join(os.environ["SM_OUTPUT_DATA_DIR"], "probe.json"), "w") as f:
    json.dump(record, f)
with open(os.path.join(os.environ["SM_MODEL_DIR"], "model.txt"), "w") as f:
    f.write("weights")

print("probe started", flush=True)
for epoch in range(1, 4):
    print(f"epoch={epoch} loss={1.0 / epoch:.4f} accuracy={0.5 + epoch / 10:.2f}")
    time.sleep(0.05)
print("progress 50%\rprogress 100%")
print("probe done")
