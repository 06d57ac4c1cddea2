"""``vernissage serve``: the granian command line it runs."""

from __future__ import annotations

from vernissage.cli import SERVE_THREADS, build_parser, granian_command


def test_serve_runs_two_threads_per_worker_by_default() -> None:
    # A keep-alive connection stays with the worker that accepted it; with one thread, the
    # worker holding most of them answers them in turn while the other idles.
    arguments = build_parser().parse_args(["serve", "--workers", "2"])
    assert arguments.threads == SERVE_THREADS == 2
    command = granian_command(
        "granian", host="127.0.0.1", port=8123, workers=arguments.workers, threads=arguments.threads
    )
    assert command[command.index("--workers") + 1] == "2"
    assert command[command.index("--blocking-threads") + 1] == "2"


def test_serve_takes_the_threads_it_is_given() -> None:
    arguments = build_parser().parse_args(["serve", "--threads", "1"])
    assert arguments.threads == 1
