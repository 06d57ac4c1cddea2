from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from vernissage.cli import main
from vernissage.people.models import Place

SEEDS = Path(__file__).resolve().parents[2] / "src" / "vernissage" / "demo" / "seeds"


def test_read_json_writes_one_file_per_text_in_the_issue_shape(db: Any, tmp_path: Path) -> None:
    files = sorted(str(path) for path in SEEDS.glob("*.txt"))
    main(["biographies", "read", *files, "--json", str(tmp_path / "out")])
    written = sorted(path.name for path in (tmp_path / "out").iterdir())
    assert written == [f"{Path(name).stem}.json" for name in files]
    first = json.loads((tmp_path / "out" / written[0]).read_text(encoding="utf-8"))
    assert list(first) == [
        "subject",
        "birthplace",
        "birth_year",
        "roles",
        "schools",
        "people",
        "relationships",
        "places",
        "venues",
        "invitations",
        "facts",
    ]
    assert first["subject"] == "Jacques Kalmurzaev"
    assert first["invitations"] == [{"from": "Petrov", "place": "Paris"}]
    assert set(first["facts"][0]) == {"field", "value", "sentence", "start", "end", "confidence"}


def test_read_prints_a_summary_per_text(
    db: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bio.txt"
    path.write_text("Ana Lutz (born 1970) is a painter from Graz.", encoding="utf-8")
    main(["biographies", "read", str(path)])
    out = capsys.readouterr().out
    assert out.splitlines()[:3] == [f"{path}: Ana Lutz", "  born: 1970", "  roles: painter"]


def test_read_takes_the_catalogues_places(
    db: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Place.objects.create(name="Kalmurzaevka")
    path = tmp_path / "bio.txt"
    path.write_text("Ana Lutz is a painter. She lives in Kalmurzaevka.", encoding="utf-8")
    main(["biographies", "read", str(path), "--json", str(tmp_path)])
    assert json.loads((tmp_path / "bio.json").read_text())["places"] == ["Kalmurzaevka"]


def test_read_names_refused_files_and_fails(
    db: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    french = tmp_path / "fr.txt"
    french.write_text(
        "Romy Kalmurzaev est né à Moscou. Il est photographe et ses œuvres ont été montrées "
        "dans une galerie à Paris.",
        encoding="utf-8",
    )
    with pytest.raises(SystemExit) as stopped:
        main(["biographies", "read", str(empty), str(french), str(tmp_path / "missing.txt")])
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert f"{empty}: The text is empty." in err
    assert f"{french}: This text is in French; the reader reads biographies in English only." in err
    assert f"{tmp_path / 'missing.txt'}: No such file or directory" in err
