"""Runs a notebook's Python twins in order in ONE interpreter (a shared namespace), capturing
per cell what CPython writes to stdout and stderr (at the file-descriptor level, so output of
child processes counts too), the value of a final expression (as Jupyter shows it) and the
exception a cell raises (type name and str, as Jupyter's ename/evalue).

usage: python3.13 record_driver.py CELLS.json RESULTS.json
CELLS.json: [{"index": 3, "source": "..."}]; RESULTS.json gets one object per cell plus the
interpreter's version. Used by pyconcurrent-maven-plugin's record and verify-reference goals.
"""
import ast
import json
import os
import sys
import tempfile
import traceback
import types


def run_cell(source, filename, namespace):
    """Executes one cell like Jupyter: the last statement, when an expression, is displayed."""
    tree = ast.parse(source, filename, "exec")
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    exec(compile(tree, filename, "exec"), namespace)
    if last is not None:
        value = eval(compile(last, filename, "eval"), namespace)
        if value is not None:
            namespace["_"] = value
            return repr(value)
    return None


def cell_frames_only(exc):
    """The traceback lines of `exc`, keeping only frames from notebook cells (library paths
    differ between machines, the cells' do not)."""
    te = traceback.TracebackException.from_exception(exc)
    for link in _chain(te):
        link.stack = traceback.StackSummary.from_list(
            [f for f in link.stack if f.filename.startswith("<cell ")])
    return [line for chunk in te.format() for line in chunk.splitlines(keepends=True)]


def _chain(te):
    seen = set()
    while te is not None and id(te) not in seen:
        seen.add(id(te))
        yield te
        te = te.__cause__ or (None if te.__suppress_context__ else te.__context__)


def main_namespace():
    """The cells' namespace, made the dict of the module `sys.modules["__main__"]` as IPython's
    kernel does: pickle finds a function a cell defines there by name (multiprocessing's Pool
    and ProcessPoolExecutor send their tasks' functions that way)."""
    module = types.ModuleType("__main__")
    module.__builtins__ = __builtins__
    sys.modules["__main__"] = module
    return module.__dict__


def main():
    cells_path, results_path = sys.argv[1], sys.argv[2]
    with open(cells_path, encoding="utf-8") as f:
        cells = json.load(f)
    namespace = main_namespace()
    results = []
    real_out, real_err = os.dup(1), os.dup(2)
    # One write(2) per printed line, whatever the environment says: under PYTHONUNBUFFERED (set on
    # this machine kind) print() writes its text and its end separately, so the lines of processes
    # printing at once interleave mid-line ("squaring 0squaring 1"). Children inherit the setting:
    # forked ones these stream objects, spawned ones the environment.
    os.environ.pop("PYTHONUNBUFFERED", None)
    sys.stdout.reconfigure(line_buffering=True, write_through=False)
    sys.stderr.reconfigure(line_buffering=True, write_through=False)
    for cell in cells:
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(out.fileno(), 1)
            os.dup2(err.fileno(), 2)
            result = {"index": cell["index"], "result": None, "ename": None, "evalue": None, "traceback": None}
            try:
                result["result"] = run_cell(cell["source"], "<cell %d>" % cell["index"], namespace)
            except BaseException as e:  # noqa: B902 - a cell may raise anything, SystemExit included
                result["ename"] = type(e).__name__
                result["evalue"] = str(e)
                result["traceback"] = cell_frames_only(e)
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os.dup2(real_out, 1)
                os.dup2(real_err, 2)
            out.seek(0)
            err.seek(0)
            result["stdout"] = out.read().decode("utf-8", "replace")
            result["stderr"] = err.read().decode("utf-8", "replace")
        results.append(result)
    with open(results_path, "w", encoding="utf-8") as f:
        json.dump({"python": sys.version.split()[0], "implementation": sys.implementation.name,
                   "cells": results}, f)


if __name__ == "__main__":
    main()
