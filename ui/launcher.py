"""The `proofpack` program: with no subcommand the window, otherwise the command line.

The core's CLI (`app.cli`, also `python -m app`) never imports Qt or ui/; this launcher is
the one place that chooses between the two, for the console script and for Briefcase.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from app import cli
from app.cli_args import parse_args
from app.executor import is_worker_command, serve_worker_command
from app.paths import resolve_data_dir


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if is_worker_command(args_list):  # an app bundle's binary started as the OCR worker
        serve_worker_command(args_list)
        return 0
    args = parse_args(args_list)
    if args.command is not None:
        return cli.main(args_list)
    from ui.main import run

    return run(resolve_data_dir(getattr(args, "data_dir", None)))
