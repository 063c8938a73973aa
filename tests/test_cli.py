import json
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import proofpack_cmd


def test_case_new_list_show(cli) -> None:
    r = cli("case", "new", "耳机质量问题", "--order", "123456789012345678", "--type", "quality",
            "--platform", "tmall")
    assert r.returncode == 0, r.stderr
    case_id = int(r.stdout.strip())
    listed = json.loads(cli("case", "list", "--json").stdout)
    assert [(c["id"], c["title"], c["platform"], c["order_number"]) for c in listed] == \
        [(case_id, "耳机质量问题", "tmall", "123456789012345678")]
    shown = json.loads(cli("case", "show", str(case_id), "--json").stdout)
    assert shown["complaint_type"] == "quality" and shown["items"] == []
    text = cli("case", "show", str(case_id)).stdout
    assert "耳机质量问题" in text and "商品质量问题" in text


def test_usage_errors_exit_2(cli) -> None:
    assert cli("case", "new", "x", "--platform", "ebay").returncode == 2
    assert cli("case", "show", "41").returncode == 2
    r = cli("add", "41", "nothing.png")
    assert r.returncode == 2 and "找不到案件 41" in r.stderr
    assert cli("frobnicate").returncode == 2


@pytest.mark.parametrize("command", [[], ["case"], ["case", "new"], ["case", "letter"],
                                     ["case", "export-archive"], ["add"], ["scan"], ["verify"],
                                     ["export"]])
def test_every_command_has_help_with_data_dir(cli, command) -> None:
    r = cli(*command, "--help", data=False)
    assert r.returncode == 0
    assert "--data-dir" in r.stdout


def test_messages_follow_lang(cli) -> None:
    assert "No cases yet" in cli("case", "list", lang="en").stdout
    assert "还没有案件" in cli("case", "list", lang="zh").stdout
    assert "No cases yet" in cli("--lang", "en", "case", "list", lang="zh").stdout


def test_add_reports_each_file_and_exit_codes(cli, sample_dir: Path, tmp_path: Path) -> None:
    case_id = cli("case", "new", "c").stdout.strip()
    bad = tmp_path / "fake.jpg"
    bad.write_text("not an image")
    r = cli("add", case_id, str(sample_dir / "order.png"), str(bad))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert f"{sample_dir / 'order.png'}: 已导入" in lines
    assert f"{bad}: 错误: 不是图片文件" in lines
    assert "共 2 个文件：1 个已导入，0 个重复，1 个错误" in lines[-1]
    # all duplicates: still success
    r = cli("add", case_id, str(sample_dir / "order.png"))
    assert r.returncode == 0 and "重复" in r.stdout
    # every file failed
    r = cli("add", case_id, str(bad), lang="en")
    assert r.returncode == 1 and "not an image file" in r.stdout
    shown = json.loads(cli("case", "show", case_id, "--json").stdout)
    (item,) = shown["items"]
    assert item["kind"] == "order" and item["ocr_status"] == "done"
    (number,) = item["order_numbers"]
    assert number.replace("-", "").isdigit() and len(number) >= 12


def test_data_dir_from_environment(cli, tmp_path: Path) -> None:
    env_dir = tmp_path / "from-env"
    r = cli("case", "new", "env case", env={"PROOFPACK_DATA_DIR": str(env_dir)}, data=False)
    assert r.returncode == 0
    assert (env_dir / "proofpack.db").exists()


def test_scan_json_contract(cli, sample_dir: Path, tmp_path: Path, data_dir: Path) -> None:
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n garbage")
    order = sample_dir / "order.png"
    r = cli("scan", "--json", str(order), str(broken))
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert [o["file"] for o in out] == [str(order), str(broken)]
    ok, bad = out
    assert set(ok) >= {"file", "sha256", "kind", "order_numbers", "timestamps", "amounts", "text"}
    assert ok["kind"] == "order"
    assert len(ok["sha256"]) == 64
    assert all(o.isdigit() or "-" in o for o in ok["order_numbers"]) and ok["order_numbers"]
    assert all(len(ts) in (16, 19) and ts[10] == "T" for ts in ok["timestamps"])
    assert ok["amounts"] and all(a.count(".") == 1 for a in ok["amounts"])
    assert "订单" in ok["text"]
    assert "error" in bad and "kind" not in bad
    assert not data_dir.exists(), "scan must not store anything"



def test_export_writes_dated_pdf_into_folder(cli, sample_dir: Path, tmp_path: Path) -> None:
    case_id = cli("case", "new", "耳机 破损").stdout.strip()
    cli("add", case_id, "--no-ocr", str(sample_dir / "photo.png"))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    r = cli("export", case_id, "-o", str(out_dir))
    assert r.returncode == 0, r.stderr
    (pdf,) = out_dir.glob("*.pdf")
    assert pdf.name.startswith("证据材料_耳机_破损_") and pdf.stat().st_size > 1000
    r = cli("export", case_id, "-o", str(tmp_path / "named.pdf"))
    assert r.returncode == 0 and (tmp_path / "named.pdf").exists()


def test_python_dash_m_app_works(tmp_path: Path) -> None:
    import sys

    r = subprocess.run([sys.executable, "-m", "app", "--data-dir", str(tmp_path / "d"),
                        "case", "new", "via -m"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stdout.strip() == "1"


def test_missing_tesseract_still_imports(cli, tmp_path: Path) -> None:
    img = tmp_path / "a.png"
    Image.new("RGB", (50, 50), "white").save(img)
    case_id = cli("case", "new", "c").stdout.strip()
    # An empty PATH and a bogus override: no tesseract anywhere this process can see.
    env = {"PATH": str(Path(proofpack_cmd()[0]).parent),
           "PROOFPACK_TESSERACT": str(tmp_path / "no-such-tesseract")}
    r = cli("add", case_id, str(img), env=env)
    assert r.returncode == 0
    assert "已导入" in r.stdout
    assert "Tesseract" in r.stderr and "Traceback" not in r.stderr
    shown = json.loads(cli("case", "show", case_id, "--json").stdout)
    assert shown["items"][0]["ocr_status"] == "pending"


def test_verify_detects_missing_and_altered_originals(cli, data_dir: Path,
                                                      sample_dir: Path) -> None:
    case_id = cli("case", "new", "c").stdout.strip()
    cli("add", "--no-ocr", case_id, str(sample_dir / "photo.png"), str(sample_dir / "other.png"))
    r = cli("verify")
    assert r.returncode == 0 and "全部完好" in r.stdout
    blobs = sorted((data_dir / "originals").glob("*/*"))
    assert len(blobs) == 2
    blobs[0].chmod(0o644)
    blobs[0].write_bytes(blobs[0].read_bytes() + b"tampered")
    blobs[1].chmod(0o644)
    blobs[1].unlink()
    r = cli("verify", case_id)
    assert r.returncode == 1
    assert "原件已被改动" in r.stdout and "原件丢失" in r.stdout
    assert "2 份有问题" in r.stdout


def test_case_letter_and_deadline_in_show(cli) -> None:
    case_id = cli("case", "new", "耳机左耳无声", "--order", "3521798801234567890", "--shop",
                  "潮流数码专营店", "--amount", "129.00", "--completed", "2099-01-01",
                  "--description", "收到后左耳没有声音").stdout.strip()
    r = cli("case", "letter", case_id)
    assert r.returncode == 0
    assert r.stdout.startswith("投诉书") and "3521798801234567890" in r.stdout
    assert "收到后左耳没有声音" in r.stdout
    assert "字数" in r.stderr
    shown = cli("case", "show", case_id).stdout
    assert "距平台投诉期限（2099-01-31）还有" in shown


def test_errors_are_logged_to_the_data_dir(cli, data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "proofpack.db").write_bytes(b"not a database at all")
    r = cli("case", "list")
    assert r.returncode == 1 and "无法打开数据目录" in r.stderr
    log = (data_dir / "logs" / "proofpack.log").read_text(encoding="utf-8")
    assert "ERROR" in log and "无法打开数据目录" in log


def test_python_m_app_is_the_command_line_and_never_opens_the_window(tmp_path: Path) -> None:
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "app", "--data-dir", str(tmp_path)],
                       capture_output=True, text=True, timeout=60,
                       env={**__import__("os").environ, "PROOFPACK_LANG": "en"})
    assert r.returncode == 2 and "proofpack" in r.stdout and "window" in r.stdout
