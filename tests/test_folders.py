"""GET /sagemaker-nlp/folders/manifest: a folder's files with the ETags S3 would give them."""

from __future__ import annotations

import json
import os
import time

import boto3
import pytest
from moto import mock_aws
from tornado.httpclient import HTTPClientError

from jupyterlab_sagemaker_nlp import folders

MiB = 1024 * 1024


async def manifest(jp_fetch, path, **params) -> dict:
    response = await jp_fetch("sagemaker-nlp", "folders", "manifest",
                              params={"path": path, **params}, method="GET")
    return json.loads(response.body)


async def refusal(jp_fetch, path, **params) -> tuple[int, str]:
    with pytest.raises(HTTPClientError) as caught:
        await manifest(jp_fetch, path, **params)
    return caught.value.code, json.loads(caught.value.response.body)["message"]


def write(path, data: bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def etags_from_s3(files: dict[str, bytes], part_size: int) -> dict[str, str]:
    """What moto's S3 answers for these files uploaded as the browser does: one PUT up to
    the part size, else a multipart upload in parts of that size."""
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="etags")
        for key, data in files.items():
            if len(data) <= part_size:
                s3.put_object(Bucket="etags", Key=key, Body=data)
                continue
            upload = s3.create_multipart_upload(Bucket="etags", Key=key)["UploadId"]
            parts = []
            for n, start in enumerate(range(0, len(data), part_size), start=1):
                answer = s3.upload_part(Bucket="etags", Key=key, UploadId=upload, PartNumber=n,
                                        Body=data[start:start + part_size])
                parts.append({"PartNumber": n, "ETag": answer["ETag"]})
            s3.complete_multipart_upload(Bucket="etags", Key=key, UploadId=upload,
                                         MultipartUpload={"Parts": parts})
        listed = s3.list_objects_v2(Bucket="etags")["Contents"]
        return {o["Key"]: o["ETag"] for o in listed}


async def test_sizes_and_etags_are_what_s3_gives(jp_fetch, jp_root_dir):
    part = 5 * MiB
    files = {
        "a.txt": b"hello\n",
        "empty.txt": b"",
        "sub/exactly-one-part.bin": os.urandom(part),
        "sub/deeper/three-parts.bin": os.urandom(2 * part + 123),
    }
    for name, data in files.items():
        write(jp_root_dir / "data" / "train" / name, data)
    answer = await manifest(jp_fetch, "data/train", partSize=str(part))
    assert answer["partSize"] == part
    assert {f["path"]: f["size"] for f in answer["files"]} == {k: len(v) for k, v in files.items()}
    assert {f["path"]: f["etag"] for f in answer["files"]} == etags_from_s3(files, part)
    etags = {f["path"]: f["etag"] for f in answer["files"]}
    assert etags["sub/deeper/three-parts.bin"].endswith('-3"')
    assert "-" not in etags["sub/exactly-one-part.bin"]
    assert answer["bytes"] == sum(len(v) for v in files.values())


async def test_a_changed_file_gets_a_new_etag(jp_fetch, jp_root_dir):
    path = jp_root_dir / "data" / "train" / "a.txt"
    write(path, b"one")
    first = (await manifest(jp_fetch, "data/train"))["files"][0]["etag"]
    write(path, b"two")
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))
    second = (await manifest(jp_fetch, "data/train"))["files"][0]["etag"]
    assert first != second


async def test_hidden_files_are_left_out(jp_fetch, jp_root_dir):
    write(jp_root_dir / "d" / "x.csv", b"1")
    write(jp_root_dir / "d" / ".ipynb_checkpoints" / "x-checkpoint.csv", b"1")
    answer = await manifest(jp_fetch, "d")
    assert [f["path"] for f in answer["files"]] == ["x.csv"]
    assert answer["skippedHidden"] == 1


async def test_a_link_inside_the_root_is_followed(jp_fetch, jp_root_dir):
    write(jp_root_dir / "shared" / "s.txt", b"s")
    (jp_root_dir / "d").mkdir()
    os.symlink(jp_root_dir / "shared", jp_root_dir / "d" / "linked")
    os.symlink(jp_root_dir / "d", jp_root_dir / "d" / "loop")
    answer = await manifest(jp_fetch, "d")
    assert [f["path"] for f in answer["files"]] == ["linked/s.txt"]


@pytest.mark.parametrize("path", ["../outside", "~/outside", "data/../../outside"])
async def test_a_path_outside_the_root_is_refused(jp_fetch, jp_root_dir, path):
    write(jp_root_dir.parent / "outside" / "secret.txt", b"s")
    status, message = await refusal(jp_fetch, path)
    assert status == 400
    assert "Jupyter root" in message


async def test_a_link_out_of_the_root_is_refused(jp_fetch, jp_root_dir, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.txt").write_text("s")
    (jp_root_dir / "d").mkdir()
    os.symlink(outside, jp_root_dir / "d" / "escape")
    status, message = await refusal(jp_fetch, "d")
    assert status == 400
    assert "d/escape" in message and "outside the Jupyter root" in message


async def test_a_missing_folder_names_the_fix(jp_fetch):
    status, message = await refusal(jp_fetch, "data/nope")
    assert status == 404
    assert '"data/nope" does not exist' in message and "S3 URI" in message


async def test_a_file_is_not_a_folder(jp_fetch, jp_root_dir):
    write(jp_root_dir / "f.csv", b"1")
    status, message = await refusal(jp_fetch, "f.csv")
    assert status == 400 and "not a folder" in message


async def test_too_many_files_are_refused_before_any_hashing(jp_fetch, jp_root_dir, monkeypatch):
    monkeypatch.setattr(folders, "MAX_FILES", 5)
    monkeypatch.setattr(folders.list_files, "__defaults__", (5,))
    hashed = []
    monkeypatch.setattr(folders, "s3_etag", lambda *a: hashed.append(a) or '"x"')
    for i in range(6):
        write(jp_root_dir / "many" / f"{i}.txt", b"x")
    status, message = await refusal(jp_fetch, "many")
    assert status == 400
    assert "more than 5 files" in message and "archives" in message and "aws s3 sync" in message
    assert hashed == []


async def test_a_file_over_the_upload_limit_is_refused(jp_fetch, jp_root_dir):
    path = jp_root_dir / "big" / "huge.bin"
    path.parent.mkdir()
    with open(path, "wb") as f:
        f.truncate(5 * MiB * folders.MAX_PARTS + 1)  # sparse: no disk used
    status, message = await refusal(jp_fetch, "big", partSize=str(5 * MiB))
    assert status == 400
    assert "big/huge.bin" in message and "split it" in message and "aws s3 sync" in message


@pytest.mark.parametrize("value", ["1", "abc", str(6 * 1024**3)])
async def test_a_bad_part_size_is_refused(jp_fetch, jp_root_dir, value):
    (jp_root_dir / "d").mkdir()
    status, message = await refusal(jp_fetch, "d", partSize=value)
    assert status == 400 and "partSize" in message
