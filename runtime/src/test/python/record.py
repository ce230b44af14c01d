"""Records CPython's outputs for the reference scripts: python3.13 record.py [OUT_DIR] [TOPIC...]

Each reference/<topic>.py is run in a fresh interpreter; its cases' outputs are written to
OUT_DIR/<topic>.json (default: ../resources/cpython). Deterministic: sorted keys, stable
formatting, so re-recording an unchanged script gives a byte-identical file.
"""
import json
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
RUNNER = """
import sys, json, runpy
sys.path.insert(0, {here!r})
import cases
runpy.run_path({script!r}, run_name="reference")
json.dump({{"python": sys.version.split()[0], "cases": cases.run_all()}}, sys.stdout)
"""


def record(topic, out_dir):
    script = HERE / "reference" / f"{topic}.py"
    code = RUNNER.format(here=str(HERE), script=str(script))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        sys.exit(f"{script}: exit {done.returncode}\n{done.stderr}")
    data = json.loads(done.stdout)
    target = out_dir / f"{topic}.json"
    target.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def main():
    out_dir = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent / "resources" / "cpython"
    out_dir.mkdir(parents=True, exist_ok=True)
    topics = sys.argv[2:] or sorted(p.stem for p in (HERE / "reference").glob("*.py"))
    for topic in topics:
        record(topic, out_dir)


if __name__ == "__main__":
    main()
