"""Runs one notebook top to bottom the way Jupyter's "Run All" and `jupyter execute` do: with
nbclient, on the installed `pyconcurrent` kernelspec, stopping at the first cell that raises
without the `raises-exception` tag. Prints one JSON line: how many code cells there are, which
were left unexecuted, and the error that stopped the run (null when none did).

usage: /usr/bin/python3 run_all.py NOTEBOOK.ipynb   (JUPYTER_PATH must hold the kernelspec)
"""
import json
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main():
    path = sys.argv[1]
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    for cell in code:  # the stored counts are the recording's: only this run's may count
        cell.execution_count = None
        cell.outputs = []
    client = NotebookClient(nb, kernel_name="pyconcurrent", timeout=300, startup_timeout=120,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    stopped = None
    try:
        client.execute()
    except CellExecutionError as e:
        stopped = str(e)
    unexecuted = [c.get("id") for c in code if c.execution_count is None]
    print(json.dumps({"code_cells": len(code), "unexecuted": unexecuted, "stopped": stopped}))


if __name__ == "__main__":
    main()
