"""The process that serves one local endpoint: run as a script by the job's kernel Python.

It must not import this package (the kernel's environment may not have it). It loads the
model folder (argv[1]) the way the SageMaker inference toolkits do, in this order:

1. an inference script (argv[2], may be empty) with ``model_fn`` and optionally
   ``input_fn`` / ``predict_fn`` / ``output_fn`` (defaults below, as the toolkits');
2. a Hugging Face model (``config.json``): ``transformers.pipeline`` with ``HF_TASK``,
   else the task its architecture names;
3. a scikit-learn model (``*.joblib`` / ``*.pkl``) loaded with ``joblib``.

Frames on stdin/stdout, each one JSON header line then ``length`` raw bytes:
request ``{"contentType", "accept", "length"}``; answer ``{"ok", "contentType", "length"}``
or ``{"ok": false, "message"}``. The first answer says the model loaded (``{"ok", "kind"}``)
or why not. The model's own prints go to stderr (the endpoint's log), never into the frames.
The process ends when stdin closes, so it cannot outlive the server.
"""

import importlib.util
import json
import os
import sys
import traceback

# Suffix of the architecture in config.json → the pipeline task. The same file is the
# deploy dialog's (src/endpoints/hfTask.ts) and the hf-task route's (local/model_config.py).
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "hf_tasks.json"),
          encoding="utf-8") as _f:
    _TASKS = [tuple(pair) for pair in json.load(_f)]


class Unloadable(Exception):
    pass


def _jsonable(value):
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def default_input_fn(body, content_type):
    """The toolkits' decoder: JSON and CSV (and text as one string)."""
    ctype = (content_type or "application/json").split(";")[0].strip().lower()
    text = body.decode("utf-8")
    if ctype == "application/json":
        data = json.loads(text)
        if isinstance(data, dict) and "inputs" in data:  # the Hugging Face shape
            data = data["inputs"]
        return [data] if isinstance(data, str) else data
    if ctype == "text/csv":
        import csv
        import io
        rows = [r for r in csv.reader(io.StringIO(text)) if r]
        return [r[0] if len(r) == 1 else r for r in rows]
    if ctype == "text/plain":
        return [text]
    raise ValueError(f"Content type {ctype} is not supported: send application/json, "
                     "text/csv or text/plain, or give input_fn in the inference script.")


def default_output_fn(prediction, accept):
    ctype = (accept or "application/json").split(";")[0].strip().lower()
    if ctype in ("*/*", ""):
        ctype = "application/json"
    value = _jsonable(prediction)
    if ctype == "application/json":
        return json.dumps(value), ctype
    if ctype == "text/csv":
        rows = value if isinstance(value, list) else [value]
        return "\n".join(",".join(map(str, r)) if isinstance(r, list) else str(r)
                         for r in rows) + "\n", ctype
    raise ValueError(f"Accept {ctype} is not supported: ask for application/json or "
                     "text/csv, or give output_fn in the inference script.")


def _script(path, model_dir):
    sys.path.insert(0, os.path.dirname(path))
    spec = importlib.util.spec_from_file_location("inference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not hasattr(module, "model_fn"):
        raise Unloadable(f"{path} has no model_fn(model_dir): define it to load the model.")
    model = module.model_fn(model_dir)
    input_fn = getattr(module, "input_fn", default_input_fn)
    output_fn = getattr(module, "output_fn", default_output_fn)
    predict_fn = getattr(module, "predict_fn", None) or (lambda data, m: m.predict(data))

    def handle(body, content_type, accept):
        return output_fn(predict_fn(input_fn(body, content_type), model), accept)
    return handle


def _task(model_dir):
    task = os.environ.get("HF_TASK", "").strip()
    if task:
        return task
    with open(os.path.join(model_dir, "config.json"), encoding="utf-8") as f:
        architectures = json.load(f).get("architectures") or []
    for arch in architectures:
        for suffix, name in _TASKS:
            if arch.endswith(suffix):
                return name
    raise Unloadable(f"config.json names no architecture with a known task ({architectures}): "
                     "set HF_TASK (hfTask when creating the endpoint).")


def _huggingface(model_dir):
    from transformers import pipeline
    pipe = pipeline(_task(model_dir), model=model_dir, tokenizer=model_dir)

    def handle(body, content_type, accept):
        data = json.loads(body.decode("utf-8"))
        if isinstance(data, dict) and "inputs" in data:
            answer = pipe(data["inputs"], **(data.get("parameters") or {}))
        else:
            answer = pipe(data)
        return default_output_fn(answer, accept)
    return handle


def _sklearn(path):
    import joblib
    model = joblib.load(path)

    def handle(body, content_type, accept):
        return default_output_fn(model.predict(default_input_fn(body, content_type)), accept)
    return handle


def load(model_dir, script):
    """(kind, handle(body, content type, accept) -> (text or bytes, content type))."""
    if not os.path.isdir(model_dir):
        raise Unloadable(f"The model folder {model_dir} does not exist: the job saved no model "
                         "(write it to SM_MODEL_DIR).")
    if script:
        return "inference-script", _script(script, model_dir)
    if os.path.exists(os.path.join(model_dir, "config.json")):
        return "huggingface", _huggingface(model_dir)
    found = sorted(os.listdir(model_dir))
    models = [n for n in found if n.endswith((".joblib", ".pkl"))]
    if models:
        return "sklearn", _sklearn(os.path.join(model_dir, models[0]))
    raise Unloadable(
        f"Nothing loadable in the model folder {model_dir} (it holds "
        f"{', '.join(found) if found else 'no files'}). A local endpoint looks for an inference "
        "script (code/inference.py with model_fn), a Hugging Face model (config.json) or a "
        "scikit-learn model (*.joblib or *.pkl): save one of them to SM_MODEL_DIR.")


def _message(error):
    if isinstance(error, Unloadable):
        return str(error)
    frames = traceback.extract_tb(error.__traceback__)
    where = f" ({os.path.basename(frames[-1].filename)}, line {frames[-1].lineno})" if frames else ""
    return f"{type(error).__name__}: {error}{where}"


def main():
    model_dir, script = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else ""
    frames_out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # the model's prints go to the log
    sys.stdout = sys.stderr
    frames_in = sys.stdin.buffer

    def send(header, payload=b""):
        header["length"] = len(payload)
        frames_out.write(json.dumps(header).encode() + b"\n" + payload)
        frames_out.flush()

    try:
        kind, handle = load(model_dir, script)
    except BaseException as e:  # noqa: B036 - any failure to load is the endpoint's reason
        traceback.print_exc()
        send({"ok": False, "message": _message(e)})
        return 1
    send({"ok": True, "kind": kind})
    while True:
        line = frames_in.readline()
        if not line:
            return 0
        request = json.loads(line)
        body = frames_in.read(request["length"])
        try:
            out, ctype = handle(body, request.get("contentType"), request.get("accept"))
            send({"ok": True, "contentType": ctype},
                 out if isinstance(out, bytes) else str(out).encode("utf-8"))
        except Exception as e:
            traceback.print_exc()
            send({"ok": False, "message": _message(e)})


if __name__ == "__main__":
    sys.exit(main())
