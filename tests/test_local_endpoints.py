"""Local endpoints against a real Jupyter server: real local jobs leave the models, a child
process per endpoint serves them (docs/local-api.md, "Local endpoints")."""

from __future__ import annotations

import asyncio
import json
import time

import pytest

from conftest import spec
from jupyterlab_sagemaker_nlp.local.serving import MAX_BODY
from jupyterlab_sagemaker_nlp.local.serving_handlers import ENDPOINTS_KEY
from test_stop import alive

SKLEARN_TRAIN = """
import os, joblib
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
texts = ["great product, love it", "wonderful and sharp", "awful, broke at once",
         "terrible and useless"] * 5
labels = ["positive", "positive", "negative", "negative"] * 5
model = Pipeline([("tfidf", TfidfVectorizer()), ("lr", LogisticRegression())]).fit(texts, labels)
joblib.dump(model, os.path.join(os.environ["SM_MODEL_DIR"], "model.joblib"))
"""

WRITE_WEIGHTS = """
import os
with open(os.path.join(os.environ["SM_MODEL_DIR"], "weights.txt"), "w") as f:
    f.write("3")
"""

INFERENCE = """
import json, os
def model_fn(model_dir):
    with open(os.path.join(model_dir, "weights.txt")) as f:
        return int(f.read())
def input_fn(body, content_type):
    return json.loads(body)["x"]
def predict_fn(data, model):
    if data < 0:
        raise ValueError("x must not be negative, got %d" % data)
    print("predicting", data)  # goes to the endpoint's log, not into the answer
    return data * model
def output_fn(prediction, accept):
    return json.dumps({"y": prediction}), "application/json"
"""


@pytest.fixture
def endpoints(jp_serverapp, jp_asyncio_loop, runner):
    manager = jp_serverapp.web_app.settings[ENDPOINTS_KEY]
    yield manager
    jp_asyncio_loop.run_until_complete(manager.aclose())


async def completed_job(api, script, **kwargs) -> str:
    body = spec(script, **kwargs)
    await api.submit(body)
    job = await api.wait(body.name, timeout=60)
    assert job["TrainingJobStatus"] == "Completed", job
    return body.name


async def create(api, **body) -> dict:
    code, answer = await api.call("POST", "local/endpoints", body)
    assert code == 201, (code, answer)
    assert answer["EndpointStatus"] == "Creating"
    return answer


async def wait(api, name, timeout=30) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        endpoint = await api.get(f"local/endpoints/{name}")
        if endpoint["EndpointStatus"] != "Creating":
            return endpoint
        assert time.monotonic() < deadline, f"{name} still Creating"
        await asyncio.sleep(0.05)


async def invoke(jp_fetch, name, body, content_type="application/json"):
    r = await jp_fetch("sagemaker-nlp", "local", "endpoints", name, "invocations",
                       method="POST", body=body, headers={"Content-Type": content_type},
                       raise_error=False)
    return r.code, r.headers.get("Content-Type"), r.body.decode()


async def test_a_scikit_learn_model_answers_predictions(api, endpoints, jp_fetch):
    job = await completed_job(api, SKLEARN_TRAIN, cellId="cell-7")
    await create(api, jobName=job, endpointName="reviews")
    endpoint = await wait(api, "reviews")
    assert endpoint["EndpointStatus"] == "InService", endpoint
    assert endpoint["ModelKind"] == "sklearn" and endpoint["JobName"] == job
    tags = {t["Key"]: t["Value"] for t in endpoint["Tags"]}
    assert tags == {"sagemaker-nlp:notebook": "examples/demo.ipynb", "sagemaker-nlp:cell": "cell-7",
                    "sagemaker-nlp:job": job}
    assert endpoint["ProductionVariants"][0]["VariantName"] == "AllTraffic"
    assert "_local" not in endpoint

    code, ctype, text = await invoke(jp_fetch, "reviews",
                                     json.dumps(["love it, great", "awful and useless"]))
    assert code == 200 and ctype == "application/json"
    assert json.loads(text) == ["positive", "negative"]
    code, _, text = await invoke(jp_fetch, "reviews", '"terrible, broke"\n', "text/csv")
    assert code == 200 and json.loads(text) == ["negative"]
    code, _, text = await invoke(jp_fetch, "reviews", json.dumps({"inputs": "wonderful"}))
    assert code == 200 and json.loads(text) == ["positive"]

    listed = await api.get("local/endpoints")
    assert [e["EndpointName"] for e in listed["endpoints"]] == ["reviews"]
    code, answer = await api.call("POST", "local/endpoints", {"jobName": job,
                                                              "endpointName": "reviews"})
    assert code == 409 and "delete it first" in answer["message"]


async def test_an_inference_script_and_a_model_error(api, endpoints, jp_fetch):
    job = await completed_job(api, WRITE_WEIGHTS, extra_files={"inference.py": INFERENCE})
    answer = await create(api, jobName=job)
    name = answer["EndpointName"]
    endpoint = await wait(api, name)
    assert endpoint["EndpointStatus"] == "InService", endpoint
    assert endpoint["ModelKind"] == "inference-script"
    assert endpoint["InferenceScript"].endswith("code/inference.py")

    code, _, text = await invoke(jp_fetch, name, json.dumps({"x": 5}))
    assert (code, json.loads(text)) == (200, {"y": 15})
    code, ctype, text = await invoke(jp_fetch, name, json.dumps({"x": -1}))
    assert code == 502 and ctype.startswith("application/json")
    assert "ValueError: x must not be negative, got -1" in json.loads(text)["message"]
    # A model error is one answer, not the endpoint's end.
    code, _, text = await invoke(jp_fetch, name, json.dumps({"x": 2}))
    assert (code, json.loads(text)) == (200, {"y": 6})
    with open(endpoints.log_path(name)) as f:
        assert "predicting 5" in f.read()


async def test_nothing_loadable_fails_with_what_it_found(api, endpoints, jp_fetch):
    job = await completed_job(api, WRITE_WEIGHTS)
    await create(api, jobName=job, endpointName="empty")
    endpoint = await wait(api, "empty")
    assert endpoint["EndpointStatus"] == "Failed"
    reason = endpoint["FailureReason"]
    assert "Nothing loadable" in reason and "weights.txt" in reason
    assert "inference.py" in reason and "config.json" in reason and "*.joblib" in reason
    assert endpoints.get("empty").proc is None  # the child is gone

    code, _, text = await invoke(jp_fetch, "empty", "[1]")
    assert code == 409
    assert "Endpoint empty is Failed, not InService: Nothing loadable" in json.loads(text)["message"]


async def test_bad_requests(api, endpoints, jp_fetch):
    code, answer = await api.call("POST", "local/endpoints", {"jobName": "no-such-job"})
    assert code == 404 and "no-such-job" in answer["message"]
    code, answer = await api.call("POST", "local/endpoints", {"endpointName": "x"})
    assert code == 400 and "jobName" in answer["message"]
    code, answer = await api.call("POST", "local/endpoints", {"jobName": "j",
                                                              "endpointName": "bad_name!"})
    assert code == 400 and "letters, digits and hyphens" in answer["message"]
    code, answer = await api.call("GET", "local/endpoints/missing")
    assert code == 404


async def test_a_job_that_is_not_completed_is_refused(api, endpoints):
    body = spec("import time; time.sleep(30)")
    await api.submit(body)
    code, answer = await api.call("POST", "local/endpoints", {"jobName": body.name})
    assert code == 409 and "only a Completed job" in answer["message"]
    await api.stop(body.name)


async def test_body_over_6_mb_is_413_and_creating_is_409(api, endpoints, jp_fetch):
    slow = "import time\ntime.sleep(1.5)\n" + INFERENCE
    job = await completed_job(api, WRITE_WEIGHTS, extra_files={"inference.py": slow})
    await create(api, jobName=job, endpointName="slow")
    code, _, text = await invoke(jp_fetch, "slow", json.dumps({"x": 1}))
    assert code == 409
    assert "Endpoint slow is Creating, not InService — wait" in json.loads(text)["message"]
    assert (await wait(api, "slow"))["EndpointStatus"] == "InService"

    code, _, text = await invoke(jp_fetch, "slow", b"x" * (MAX_BODY + 1))
    assert code == 413
    message = json.loads(text)["message"]
    assert f"{MAX_BODY + 1} bytes" in message and f"at most {MAX_BODY} bytes" in message
    code, _, text = await invoke(jp_fetch, "slow", json.dumps({"x": 1}))
    assert code == 200  # the endpoint never saw the big body


async def test_delete_stops_the_process_and_forgets_it(api, endpoints, jp_fetch, jobs_dir):
    job = await completed_job(api, SKLEARN_TRAIN)
    await create(api, jobName=job, endpointName="gone")
    assert (await wait(api, "gone"))["EndpointStatus"] == "InService"
    pid = endpoints.get("gone").proc.pid
    assert alive(pid)
    assert (jobs_dir / ".endpoints" / "gone.json").exists()

    code, _ = await api.call("DELETE", "local/endpoints/gone")
    assert code == 204
    assert not alive(pid)
    assert not (jobs_dir / ".endpoints" / "gone.json").exists()
    assert (await api.get("local/endpoints"))["endpoints"] == []
    code, _, _ = await invoke(jp_fetch, "gone", "[]")
    assert code == 404


async def test_a_dead_child_fails_the_endpoint(api, endpoints, jp_fetch):
    job = await completed_job(api, SKLEARN_TRAIN)
    await create(api, jobName=job, endpointName="crash")
    assert (await wait(api, "crash"))["EndpointStatus"] == "InService"
    endpoints.get("crash").proc.kill()
    code, _, text = await invoke(jp_fetch, "crash", '["x"]')
    assert code == 502 and "model process exited" in json.loads(text)["message"]
    assert (await api.get("local/endpoints/crash"))["EndpointStatus"] == "Failed"


async def test_server_stop_ends_children_and_a_restart_lists_them_out_of_service(
        api, endpoints, runner, jp_serverapp):
    from jupyterlab_sagemaker_nlp.local.serving import LocalEndpoints

    job = await completed_job(api, SKLEARN_TRAIN)
    await create(api, jobName=job, endpointName="kept")
    assert (await wait(api, "kept"))["EndpointStatus"] == "InService"
    pid = endpoints.get("kept").proc.pid
    (app,) = jp_serverapp.extension_manager.extension_apps["jupyterlab_sagemaker_nlp"]
    await app.stop_extension()  # what the server calls when it stops
    assert not alive(pid)

    assert endpoints.describe("kept")["EndpointStatus"] == "OutOfService"
    restarted = LocalEndpoints(runner).describe("kept")
    assert restarted["EndpointStatus"] == "OutOfService"
    assert f"create it again from job {job}" in restarted["FailureReason"]


async def test_an_inference_script_given_with_the_request(api, endpoints, jp_fetch, jobs_dir):
    job = await completed_job(api, WRITE_WEIGHTS)
    await create(api, jobName=job, endpointName="scripted", inferenceScript=INFERENCE)
    endpoint = await wait(api, "scripted")
    assert endpoint["EndpointStatus"] == "InService", endpoint
    assert endpoint["InferenceScript"] == str(jobs_dir / ".endpoints" / "scripted.inference.py")
    code, _, text = await invoke(jp_fetch, "scripted", json.dumps({"x": 4}))
    assert (code, json.loads(text)) == (200, {"y": 12})
    assert (await api.call("DELETE", "local/endpoints/scripted"))[0] == 204
    assert list((jobs_dir / ".endpoints").iterdir()) == []


TINY_BERT = """
import os
from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast
model_dir = os.environ["SM_MODEL_DIR"]
vocab = os.path.join(os.environ["SM_OUTPUT_DATA_DIR"], "vocab.txt")
with open(vocab, "w") as f:
    f.write("\\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "great", "awful"]))
BertTokenizerFast(vocab_file=vocab).save_pretrained(model_dir)
config = BertConfig(vocab_size=7, hidden_size=8, num_hidden_layers=1, num_attention_heads=1,
                    intermediate_size=8, max_position_embeddings=16,
                    id2label={0: "negative", 1: "positive"}, label2id={"negative": 0, "positive": 1})
BertForSequenceClassification(config).save_pretrained(model_dir)
"""


async def test_a_hugging_face_model_gets_its_task_from_its_config(api, endpoints, jp_fetch):
    pytest.importorskip("transformers")
    job = await completed_job(api, TINY_BERT)
    await create(api, jobName=job, endpointName="bert")
    endpoint = await wait(api, "bert", timeout=120)
    assert endpoint["EndpointStatus"] == "InService", endpoint
    assert endpoint["ModelKind"] == "huggingface"
    code, _, text = await invoke(jp_fetch, "bert", json.dumps({"inputs": ["great", "awful"]}))
    assert code == 200, text
    answer = json.loads(text)
    assert [a["label"] in ("positive", "negative") for a in answer] == [True, True]
    assert all(0 <= a["score"] <= 1 for a in answer)
