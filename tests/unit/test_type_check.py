"""The type check that `make lint` runs catches a wrong key in a triage payload."""

import subprocess
import sys
import textwrap

from bot.settings import PROJECT_ROOT


def _mypy(code: str, tmp_path) -> subprocess.CompletedProcess:
    snippet = tmp_path / "snippet.py"
    snippet.write_text(textwrap.dedent(code))
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            str(PROJECT_ROOT / "mypy.ini"),
            "--cache-dir",
            str(tmp_path / "cache"),
            str(snippet),
        ],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
    )


def test_a_misspelt_payload_key_is_an_error(tmp_path):
    result = _mypy(
        """
        from bot.regions import contacts_for
        from bot.triage.engine import AssessmentPayload
        from bot.triage.replies import payload

        payload("urgent", [], contacts_for("uk"), hypothetcal=True)

        def level_of(assessment: AssessmentPayload) -> object:
            return assessment["levle"]
        """,
        tmp_path,
    )
    assert result.returncode == 1
    assert 'Unexpected keyword argument "hypothetcal"' in result.stdout
    assert '"levle"' in result.stdout


def test_the_right_keys_pass(tmp_path):
    result = _mypy(
        """
        from bot.regions import contacts_for
        from bot.triage.engine import AssessmentPayload
        from bot.triage.replies import payload

        payload("urgent", [], contacts_for("uk"), hypothetical=True)

        def level_of(assessment: AssessmentPayload) -> object:
            return assessment["level"]
        """,
        tmp_path,
    )
    assert result.returncode == 0, result.stdout
