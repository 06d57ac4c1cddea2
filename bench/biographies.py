"""The biography reader: a 1,000-word biography in under 1 s; 1,000 through the command line
with ``--json`` in under 5 minutes.

    uv run python bench/biographies.py                  # 200 texts in process, then the CLI
    uv run python bench/biographies.py --texts 1000 --cli-texts 1000

Makes ``--texts`` biographies of about 1,000 words each from the biographies of
``tests/biographies/texts`` (CC0), the people in each renamed so that no two texts are the
same, and reads each in process (the gazetteer read once before, as a running server has it).
The anchor, in the same run: pysbd splitting the same text into sentences, the first step of
the reader and the one library it cannot do without. Each text's time is printed with
``--verbose``; the summary gives p50, p99 and the mean per text, and the ratio of the mean to
the anchor's.

Then ``--cli-texts`` files written to a folder and read by ``vernissage biographies read
FILE... --json OUT`` in one process, as a person would run it: the wall time and the time
per text. The last line:

    words=W reader_p50_ms=X reader_p99_ms=Y vs_anchor=R cli_texts=N cli_seconds=S cli_ms_per_text=T
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the harness is imported as bench.harness
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness  # noqa: E402

SEED = 20261203
TEXTS = harness.BENCH_DIR.parent / "tests" / "biographies" / "texts"
GIVEN = ["Mira", "Tomasz", "Leila", "Jonas", "Aiko", "Pedro", "Nadia", "Oskar", "Femi", "Ines"]
FAMILY = ["Varga", "Lindholm", "Okafor", "Moreno", "Takeda", "Novak", "Haddad", "Brandt"]
GOAL_ONE_MS = 1000.0
GOAL_CLI_SECONDS = 300.0


def _plain(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        text = re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]+>", " ", text, flags=re.S)
    return re.sub(r"[#*\[\]]|\(https?://[^)]*\)", "", text)


def biographies(count: int, words: int) -> list[str]:
    """``count`` texts of about ``words`` words: paragraphs of the kept biographies, their
    two-word names replaced by names drawn for the text."""
    rng = random.Random(SEED)
    paragraphs = [
        paragraph.strip()
        for path in sorted(TEXTS.iterdir())
        for paragraph in _plain(path).split("\n\n")
        if len(paragraph.split()) > 12
    ]
    names = re.compile(r"\b[A-Z][a-zé]+ [A-Z][a-zé]+(?: [A-Z][a-zé]+)?\b")
    texts = []
    for _ in range(count):
        chosen: list[str] = []
        while sum(len(paragraph.split()) for paragraph in chosen) < words:
            chosen.append(rng.choice(paragraphs))
        text = "\n\n".join(chosen)
        renamed: dict[str, str] = {}

        def rename(match: re.Match[str], renamed: dict[str, str] = renamed) -> str:
            return renamed.setdefault(match.group(), f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}")

        texts.append(names.sub(rename, text))
    return texts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=200, help="texts read in process")
    parser.add_argument("--words", type=int, default=1000, help="words per text")
    parser.add_argument("--cli-texts", type=int, default=1000, help="texts read by the CLI")
    parser.add_argument("--verbose", action="store_true", help="print each text's time")
    arguments = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-biographies-") as scratch:
        harness.environment_configure(Path(scratch) / "home")
        harness.django_ready()
        from vernissage.biographies import places, rules
        from vernissage.biographies.reader import read_text

        places.warm_up()
        texts = biographies(max(arguments.texts, arguments.cli_texts), arguments.words)
        words = statistics.mean(len(text.split()) for text in texts[: arguments.texts])
        read_text(texts[0])  # pysbd's and the regular expressions' first use

        anchor_ms, reader_ms = [], []
        for number, text in enumerate(texts[: arguments.texts]):
            started = time.perf_counter()
            rules.split_sentences(text)
            anchor_ms.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            reading = read_text(text)
            reader_ms.append((time.perf_counter() - started) * 1000)
            if arguments.verbose:
                print(
                    f"text {number}: {len(text.split())} words, {reader_ms[-1]:.1f} ms, "
                    f"{len(reading.facts)} facts"
                )
        p50 = harness.percentile(reader_ms, 50)
        p99 = harness.percentile(reader_ms, 99)
        ratio = statistics.mean(reader_ms) / statistics.mean(anchor_ms)
        print(
            f"reader: {arguments.texts} texts of {words:.0f} words: p50 {p50:.1f} ms, "
            f"p99 {p99:.1f} ms, mean {statistics.mean(reader_ms):.1f} ms "
            f"({harness.verdict(p99, under=GOAL_ONE_MS)} the goal of {GOAL_ONE_MS:.0f} ms); "
            f"anchor (pysbd sentences) mean {statistics.mean(anchor_ms):.1f} ms, "
            f"ratio {ratio:.2f}"
        )

        cli_seconds = 0.0
        if arguments.cli_texts:
            folder = Path(scratch) / "texts"
            folder.mkdir()
            files = []
            for number, text in enumerate(texts[: arguments.cli_texts]):
                path = folder / f"bio-{number:05d}.txt"
                path.write_text(text, encoding="utf-8")
                files.append(str(path))
            started = time.perf_counter()
            subprocess.run(
                [
                    harness.executable("vernissage"),
                    "biographies",
                    "read",
                    *files,
                    "--json",
                    str(Path(scratch) / "out"),
                ],
                check=True,
            )
            cli_seconds = time.perf_counter() - started
            written = len(list((Path(scratch) / "out").iterdir()))
            assert written == len(files), (written, len(files))
            print(
                f"cli: {len(files)} texts in {cli_seconds:.1f} s, "
                f"{cli_seconds / len(files) * 1000:.1f} ms per text "
                f"({harness.verdict(cli_seconds, under=GOAL_CLI_SECONDS)} the goal of "
                f"{GOAL_CLI_SECONDS:.0f} s)"
            )
        per_text = cli_seconds / arguments.cli_texts * 1000 if arguments.cli_texts else 0.0
        print(
            f"words={words:.0f} reader_p50_ms={p50:.1f} reader_p99_ms={p99:.1f} "
            f"vs_anchor={ratio:.2f} cli_texts={arguments.cli_texts} "
            f"cli_seconds={cli_seconds:.1f} cli_ms_per_text={per_text:.1f}"
        )


if __name__ == "__main__":
    main()
