#!/usr/bin/env python3
"""Execute the wardrank notebooks with the tslab kernel and fail on any cell error.

Each notebook runs with the repository root as its working directory (tslab roots TypeScript
there, so `import ... from './src/...'` reaches the engine). Outputs are not written back unless
--inplace is given. Exit status: 0 when every notebook ran without error, 1 otherwise.

Usage: /usr/bin/python3 notebooks/run_notebooks.py [--timeout SECONDS] [--inplace] [NOTEBOOK ...]
"""
import argparse
import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, DeadKernelError

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent


def shown(path: pathlib.Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def failing_output(nb) -> str:
    """The text the failing cell printed: tslab reports compile errors on a stream, not in the error reply."""
    ran = [c for c in nb.cells if c.cell_type == "code" and c.get("execution_count")]
    if not ran:
        return ""
    texts = []
    for o in ran[-1].get("outputs", []):
        if o.get("output_type") == "stream":
            texts.append(o.get("text", ""))
        elif o.get("output_type") == "error":
            texts.append("\n".join(o.get("traceback", [])) or f"{o.get('ename')}: {o.get('evalue')}")
    return "".join(texts)[-4000:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=pathlib.Path, help="default: notebooks/*.ipynb")
    parser.add_argument("--timeout", type=int, default=300, help="seconds per cell (default 300)")
    parser.add_argument("--inplace", action="store_true", help="write the executed notebooks back (with outputs)")
    parser.add_argument("--kernel", default="tslab")
    args = parser.parse_args()
    paths = args.notebooks or sorted(HERE.glob("*.ipynb"))
    if not paths:
        print("no notebooks found", file=sys.stderr)
        return 1
    failed = []
    for path in paths:
        path = path.resolve()
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=args.timeout, kernel_name=args.kernel, resources={"metadata": {"path": str(ROOT)}})
        started = time.monotonic()
        try:
            client.execute(cwd=str(ROOT))
        except (CellExecutionError, DeadKernelError) as e:
            failed.append(path.name)
            print(f"FAIL {shown(path)}:\n{e}\n{failing_output(nb)}", file=sys.stderr)
            continue
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"]
        if errors:
            failed.append(path.name)
            print(f"FAIL {shown(path)}: {errors[0].get('ename')}: {errors[0].get('evalue')}", file=sys.stderr)
            continue
        print(f"ok   {shown(path)} ({len(nb.cells)} cells, {time.monotonic() - started:.1f} s)")
        if args.inplace:
            nbformat.write(nb, path)
    if failed:
        print(f"{len(failed)} notebook(s) failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
